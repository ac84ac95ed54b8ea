# Sourced by the scripts that install a system package the tests need (java.sh,
# chromium.sh); they define say and die first.
#
#   apt_install PACKAGE...   installs the packages with apt-get, through sudo when not root

apt_install() {
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || die "not root and no sudo: install $*"
    sudo=(sudo)
  fi
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -q >&2 || say "apt-get update failed; trying the cached lists"
  "${sudo[@]}" apt-get install -y -q "$@" >&2
}
