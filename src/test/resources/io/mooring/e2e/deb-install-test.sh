#!/bin/sh
# Installs the Debian package into a throwaway root and checks what it did, as DebPackageIT asks:
#   unshare --mount --propagation private sh deb-install-test.sh DEB SHARED VERSION
# Run as root in a mount namespace of its own: the root is an overlay of / whose changes land on a tmpfs, so that a
# real dpkg (its database, the maintainer scripts, adduser) works on a copy and the host is left as it was; every
# mount ends with the namespace. SHARED (the test's folder, holding the tenant repository in repo/) is seen inside as
# /mnt/mooring-test, the package's folder as /mnt/mooring-deb. Each step is printed before it runs, and the first
# check that fails ends the script with "FAILED: ..." and exit 1.
set -eu

deb=$1 shared=$2 version=$3
layers=$shared/layers
root=$layers/root

step() { printf '\n== %s\n' "$*"; }
fail() { printf 'FAILED: %s\n' "$*"; exit 1; }
in_root() { chroot "$root" "$@"; }
as_mooring() { chroot --userspec=mooring:mooring "$root" env HOME=/var/lib/mooring "$@"; }
owner_mode() { in_root stat -c '%U:%G %a' "$1"; } # names as the root knows them
expect_owner_mode() { # expect_owner_mode PATH OWNER:GROUP MODE
    actual=$(owner_mode "$1") || fail "$1 is missing"
    [ "$actual" = "$2 $3" ] || fail "$1 is $actual, expected $2 $3"
    echo "ok: $1 $actual"
}
expect_output() { # expect_output PATTERN FILE WHAT: an extended regular expression in the command's output
    grep -Eq "$1" "$2" || { cat "$2"; fail "$3: no line matches /$1/"; }
    echo "ok: $3"
}

make_root() {
    step "a throwaway root: overlay of / (upper on a tmpfs) at $root"
    findmnt -n -o FSTYPE / | sed 's/^/host root file system: /'
    mkdir -p "$layers"
    mount -t tmpfs -o size=2g,mode=0700 mooring-deb-test "$layers"
    mkdir -p "$layers/upper" "$layers/work" "$root"
    mount -t overlay mooring-deb-root -o "lowerdir=/,upperdir=$layers/upper,workdir=$layers/work" "$root"
    for fs in proc dev sys; do mount --rbind "/$fs" "$root/$fs"; done
    mkdir -p "$root/mnt/mooring-test" "$root/mnt/mooring-deb"
    mount --bind "$shared" "$root/mnt/mooring-test"
    mount --bind -o ro "$(dirname "$deb")" "$root/mnt/mooring-deb"
    # The docker group is removed from the copy, so that the package has to make it (a reinstall then finds it made).
    if in_root getent group docker >/dev/null; then in_root groupdel docker; fi
    in_root getent passwd mooring >/dev/null && fail "the root has a user mooring before the package is installed"
    echo "ok: no user mooring, no group docker"
}

install_package() {
    step "dpkg -i $(basename "$deb") $1"
    in_root dpkg -i "/mnt/mooring-deb/$(basename "$deb")"
}

check_files() {
    step "files, owners and modes"
    expect_owner_mode /usr/bin/mooring root:root 755
    for file in mooring.jar mooring.jsa mooring-agent.jsa server.jvm command.jvm; do expect_owner_mode "/usr/share/mooring/$file" root:root 644; done
    expect_owner_mode /lib/systemd/system/mooring.service root:root 644
    expect_owner_mode /usr/share/doc/mooring/copyright root:root 644
    expect_owner_mode /etc/mooring root:mooring 750
    expect_owner_mode /etc/mooring/mooring.yml root:mooring 640
    expect_owner_mode /var/lib/mooring mooring:mooring 750
    in_root dpkg-query -W -f='${Conffiles}\n' mooring >"$shared/conffiles"
    expect_output '^ /etc/mooring/mooring.yml [0-9a-f]{32}$' "$shared/conffiles" "/etc/mooring/mooring.yml is a conffile"
}

check_user() {
    step "the user mooring and its groups"
    in_root getent passwd mooring >"$shared/passwd"
    expect_output '^mooring:x:[0-9]+:[0-9]+:[^:]*:/var/lib/mooring:/usr/sbin/nologin$' "$shared/passwd" "mooring: home /var/lib/mooring, no login shell"
    in_root id -nG mooring | tr ' ' '\n' >"$shared/groups"
    expect_output '^mooring$' "$shared/groups" "mooring is in the group mooring"
    expect_output '^docker$' "$shared/groups" "mooring is in the group docker"
    [ "$(in_root getent passwd | grep -c '^mooring:')" = 1 ] || fail "more than one user mooring"
}

check_nothing_enabled() {
    step "no unit enabled or started"
    found=$(find "$root/etc/systemd/system" -name 'mooring*' 2>/dev/null || true)
    [ -z "$found" ] || fail "enabled: $found"
    echo "ok: nothing named mooring under /etc/systemd/system"
}

# The installed launcher, as the agent's user, with the host's Java (the root's): -Xshare:on makes the JVM refuse to
# start unless it maps the archive, and the class loading log shows the classes read from it.
check_launcher() {
    step "mooring --version, run by /usr/bin/mooring as mooring, the class-data archive required"
    as_mooring MOORING_JAVA_OPTS="-Xshare:on -Xlog:class+load=info:file=/tmp/mooring-class-load.log" \
        /usr/bin/mooring --version >"$shared/version" 2>&1 || { cat "$shared/version"; fail "mooring --version"; }
    cat "$shared/version"
    expect_output "^mooring $version\$" "$shared/version" "the version is $version"
    expect_output '^commit [0-9a-f]{40}( |$)' "$shared/version" "the commit is a 40-hex commit"
    cp "$root/tmp/mooring-class-load.log" "$shared/class-load.log"
    from_archive=$(grep -c 'source: shared objects file' "$shared/class-load.log" || true)
    from_jar=$(grep -c 'source: .*mooring\.jar' "$shared/class-load.log" || true)
    echo "classes loaded: $from_archive from /usr/share/mooring/mooring.jsa, $from_jar read from the jar"
    [ "$from_archive" -gt 0 ] || fail "no class came from the archive /usr/share/mooring/mooring.jsa"
    grep -q 'io.mooring.MooringApplication source: shared objects file$' "$shared/class-load.log" \
        || fail "io.mooring.MooringApplication was not read from /usr/share/mooring/mooring.jsa"
    echo "ok: the JVM started with the archive required (-Xshare:on) and read Mooring's classes from it"

    step "mooring server --help, run by /usr/bin/mooring as mooring, the agent's own class-data archive required"
    as_mooring MOORING_JAVA_OPTS="-Xshare:on -Xlog:cds=info" /usr/bin/mooring server --help >"$shared/server-help" 2>&1 \
        || { cat "$shared/server-help"; fail "mooring server --help"; }
    expect_output '\[cds\] Opened archive /usr/share/mooring/mooring-agent\.jsa\.$' "$shared/server-help" \
        "the agent maps /usr/share/mooring/mooring-agent.jsa"

    step "mooring validate /mnt/mooring-test/repo, run by /usr/bin/mooring as mooring"
    as_mooring MOORING_JAVA_OPTS=-Xshare:on /usr/bin/mooring validate /mnt/mooring-test/repo >"$shared/validate" 2>&1 \
        || { cat "$shared/validate"; fail "mooring validate"; }
    grep -v 'warning: variable' "$shared/validate" || true
    expect_output '\(tenant acme\): valid' "$shared/validate" "the tenant acme is valid"
}

reinstall_keeps_the_configuration() {
    step "an edited /etc/mooring/mooring.yml and the state survive a reinstall"
    echo '# edited by the operator' >>"$root/etc/mooring/mooring.yml"
    echo state >"$root/var/lib/mooring/state-of-a-tenant"
    in_root chown mooring:mooring /var/lib/mooring/state-of-a-tenant
    archives=$(archives_made)
    install_package "(again)"
    [ "$(archives_made)" = "$archives" ] || fail "the reinstall made the class-data archives again: they fit the same jar and Java"
    echo "ok: the class-data archives kept (the same jar, the same Java)"
    expect_output '^# edited by the operator$' "$root/etc/mooring/mooring.yml" "the edited conffile is kept"
    expect_output '^state$' "$root/var/lib/mooring/state-of-a-tenant" "/var/lib/mooring is kept"
}

java_update_remakes_the_archive() {
    step "a Java update (trigger /usr/lib/jvm) makes the archives again when they no longer fit"
    # The JVM takes an archive only for the jar (path, size, time) and the Java build it was made with: a jar of another
    # time stands for a changed Java here, to which both archives no longer fit.
    archives=$(archives_made)
    touch -d '2001-02-03 04:05:06' "$root/usr/share/mooring/mooring.jar"
    in_root dpkg-trigger --no-await /usr/lib/jvm
    in_root dpkg --triggers-only --pending
    for file in mooring.jsa mooring-agent.jsa; do
        [ -s "$root/usr/share/mooring/$file" ] || fail "no /usr/share/mooring/$file after the trigger"
        in_root java -Xshare:on -XX:SharedArchiveFile="/usr/share/mooring/$file" -Xlog:disable -cp /usr/share/mooring/mooring.jar \
            -version >/dev/null 2>&1 || fail "/usr/share/mooring/$file does not fit the jar after the trigger"
    done
    [ "$(archives_made)" != "$archives" ] || fail "the trigger kept archives that no longer fit"
    echo "ok: /usr/share/mooring/mooring.jsa and mooring-agent.jsa made again"
}

# Each archive's inode and time: what making it again changes.
archives_made() {
    stat -c '%n %i %y' "$root/usr/share/mooring/mooring.jsa" "$root/usr/share/mooring/mooring-agent.jsa"
}

remove_and_purge() {
    step "dpkg -r mooring"
    in_root dpkg -r mooring
    [ ! -e "$root/usr/share/mooring" ] || fail "/usr/share/mooring is left: $(ls "$root/usr/share/mooring")"
    [ ! -e "$root/usr/bin/mooring" ] || fail "/usr/bin/mooring is left"
    [ -f "$root/etc/mooring/mooring.yml" ] || fail "remove (not purge) deleted /etc/mooring/mooring.yml"
    echo "ok: the files are gone, the configuration kept"

    step "dpkg -P mooring"
    in_root dpkg -P mooring
    [ ! -e "$root/etc/mooring" ] || fail "/etc/mooring is left after purge: $(ls -a "$root/etc/mooring")"
    expect_owner_mode /var/lib/mooring mooring:mooring 750
    expect_output '^state$' "$root/var/lib/mooring/state-of-a-tenant" "/var/lib/mooring and its state are kept after purge"
    in_root dpkg-statoverride --list >"$shared/overrides"
    if grep -q mooring "$shared/overrides"; then cat "$shared/overrides"; fail "dpkg overrides left after purge"; fi
    echo "ok: no dpkg override left"
}

make_root
install_package ""
check_files
check_user
check_nothing_enabled
check_launcher
reinstall_keeps_the_configuration
check_user
java_update_remakes_the_archive
remove_and_purge
printf '\nall steps passed\n'
