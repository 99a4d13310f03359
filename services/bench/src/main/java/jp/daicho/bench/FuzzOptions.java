package jp.daicho.bench;

/** The options of {@code bin/daicho-chaos fuzz}, read alike by each of its parts; exits with the usage on a bad one. */
record FuzzOptions(int valid, int invalid, long seed) {

    static FuzzOptions parse(String[] args) {
        int valid = 100_000;
        int invalid = 100_000;
        long seed = 16;
        for (String arg : args) {
            if (arg.startsWith("--valid=")) {
                valid = Integer.parseInt(arg.substring(8));
            } else if (arg.startsWith("--invalid=")) {
                invalid = Integer.parseInt(arg.substring(10));
            } else if (arg.startsWith("--seed=")) {
                seed = Long.parseLong(arg.substring(7));
            } else if (!arg.equals("fuzz")) {
                System.err.println("usage: daicho-chaos fuzz [--valid=100000] [--invalid=100000] [--seed=16]");
                System.exit(2);
            }
        }
        return new FuzzOptions(valid, invalid, seed);
    }
}
