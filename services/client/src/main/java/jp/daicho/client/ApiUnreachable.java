package jp.daicho.client;

/** A service could not be reached at all (not running, wrong URL, the connection broke). */
public final class ApiUnreachable extends RuntimeException {

    private final String service;
    private final String url;

    public ApiUnreachable(String service, String url, String why, Throwable cause) {
        super(service + " is not reachable at " + url + " (" + why + ")", cause);
        this.service = service;
        this.url = url;
    }

    public String service() {
        return service;
    }

    public String url() {
        return url;
    }
}
