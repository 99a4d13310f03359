# Sourced by the bin/ commands: picks a JDK of 21 or newer whatever `java` is on PATH (17 on these machines),
# exports JAVA_HOME and puts it first on PATH, so that both `java` and Maven use it.
daicho_java_major() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'; }
daicho_pick_jdk() {
  local candidate major
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || continue
    major="$(daicho_java_major "$candidate")"
    if [ -n "$major" ] && [ "${major%%.*}" -ge 21 ] 2>/dev/null; then
      export JAVA_HOME="$candidate"
      export PATH="$JAVA_HOME/bin:$PATH"
      return 0
    fi
  done
  echo "daicho: needs a JDK 21 or newer (built and tested with Temurin 25); none found in \$JAVA_HOME or /usr/lib/jvm." >&2
  echo "        Install one and set JAVA_HOME to it." >&2
  return 1
}
daicho_pick_jdk || exit 1
