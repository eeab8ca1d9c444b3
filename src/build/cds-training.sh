#!/bin/sh
# Makes the class-data sharing archive beside a Mooring jar (mooring.jar -> mooring.jsa) from a training run of that
# jar (io.mooring.ClassDataTraining): the launcher maps it at every start, so that the classes the agent and the
# everyday commands load are read ready-made. Java 17 uses such an archive only with the JVM build and the jar path it
# was made with: the build makes one for target/mooring.jar, the package's postinst one for the installed jar.
# Usage: cds-training.sh JAVA JAR SCRATCH [ARCHIVE]: SCRATCH is a folder of the run's own (its repository, homes and
# files go there); ARCHIVE, where the archive is written, is beside the jar unless named.
# Without git the repository is plain files: the review of a change is then left out of the training.
set -eu
java=$1
jar=$2
dir=$3
archive=${4:-${jar%.jar}.jsa}
rm -f "$archive" "$archive.new"
rm -rf "$dir/repo"
mkdir -p "$dir/repo/instances/training"
cd "$dir/repo"
printf 'services:\n  web:\n    image: registry.invalid/training/web:${web_version:-1.0}\n    volumes: [data:/data]\n' > components.yml
printf 'all:\n  hosts:\n    training: {}\n' > instances/training/inventory.yml
if command -v git >/dev/null 2>&1; then
    commit() { git -c user.name=training -c user.email=training@localhost -c commit.gpgsign=false commit -q "$@"; }
    git init -q
    git add -A
    commit -m "a tenant"
    printf 'all:\n  hosts:\n    training: {}\n  vars: {web_version: "1.1"}\n' > instances/training/inventory.yml
    commit -am "its next version"
fi
cd - >/dev/null
# The class path is the jar's path, as the launcher's -jar gives it.
"$java" -XX:ArchiveClassesAtExit="$archive.new" -Xlog:cds=off -Xlog:cds+dynamic=off -cp "$jar" io.mooring.ClassDataTraining "$dir"
chmod 0644 "$archive.new"
mv "$archive.new" "$archive"
