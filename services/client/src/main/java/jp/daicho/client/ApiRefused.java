package jp.daicho.client;

/** A service answered with a refusal: its problem document says what is wrong and how to fix it. */
public final class ApiRefused extends RuntimeException {

    private final String service;
    private final Problem problem;

    public ApiRefused(String service, Problem problem) {
        super(problem.detail());
        this.service = service;
        this.problem = problem;
    }

    public String service() {
        return service;
    }

    public int status() {
        return problem.status();
    }

    public Problem problem() {
        return problem;
    }
}
