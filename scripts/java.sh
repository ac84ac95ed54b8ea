#!/usr/bin/env bash
# Make sure a Java runtime is installed for the Spark tests, and print its JAVA_HOME.
#
#   export JAVA_HOME=$(scripts/java.sh | tail -n1)
#
# Installs Debian's `default-jre-headless` (Java 17 on Debian 12) with apt-get when `java`
# is missing. pyspark comes from the package index with the dev extra; it brings no Java of
# its own. Progress goes to stderr; stdout is JAVA_HOME.
set -euo pipefail

say() { printf 'java: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }
. "$(dirname "$0")/apt-install.sh"

if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
  java="$JAVA_HOME/bin/java"
else
  java=$(command -v java || true)
fi
if [ -z "$java" ]; then
  say "no java on PATH; installing default-jre-headless with apt-get"
  apt_install default-jre-headless
  java=$(command -v java) || die "java is still missing after installing default-jre-headless"
fi
# JAVA_HOME is two levels above the real binary (…/bin/java).
home=$(dirname "$(dirname "$(readlink -f "$java")")")
[ -x "$home/bin/java" ] || die "cannot find JAVA_HOME from $java"
say "using $("$home/bin/java" -version 2>&1 | head -n1)"
echo "$home"
