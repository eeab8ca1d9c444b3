#!/bin/sh
# Makes the class-data sharing archives beside a Mooring jar (mooring.jar -> mooring.jsa and mooring-agent.jsa) from
# training runs of that jar (io.mooring.ClassDataTraining): the launcher maps one at every start, so that the classes
# the everyday commands (mooring.jsa) and the agent (mooring-agent.jsa) load are read ready-made. The agent has an
# archive of its own because every page of an archive it maps ends up resident in a process that runs for months: the
# 3,000 classes it never loads (the command line's, Liquibase's once its database is made) are spread over all of
# mooring.jsa and would cost it some 15 MiB. Java 17 uses such an archive only with the JVM build and the jar path it
# was made with: the build makes them for target/mooring.jar, the package's postinst for the installed jar.
# Usage: cds-training.sh JAVA JAR SCRATCH [ARCHIVE]: SCRATCH is a folder of the run's own (its repository, homes and
# files go there); ARCHIVE, where the archive is written, is beside the jar unless named.
# Without git the repository is plain files: the review of a change is then left out of the training.
set -eu
java=$1
jar=$2
dir=$3
archive=${4:-${jar%.jar}.jsa}
agent_archive=${archive%.jsa}-agent.jsa
rm -f "$archive" "$archive.new" "$archive.classes" "$agent_archive" "$agent_archive.new" "$agent_archive.classes"
rm -rf "$dir/repo" "$dir/agent" "$dir/apply"
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
# The class path is the jar's path, as the launcher gives it. The first run makes the agent's home; the second starts
# the agent again on it, as after a restart, the agent's every start but its first.
# Both archives are static ones, made by -Xshare:dump from the list of what a training run loaded: Java's own classes
# and Mooring's in one archive, with the method-handle forms and lambda classes they use made ready (a dynamic archive,
# on top of Java's own, leaves those to each start). The commands': a no-op apply here 16 to 41 ms sooner (the same jar,
# alternating archives, three series: 636 -> 595, 594 -> 578, 624 -> 598 ms). The agent's: its restart with 100
# tenants 60 and 120 ms sooner and 0.1 CPU-seconds lighter than with a dynamic one (medians of 9, alternating), its
# resident memory after a minute idle the same (136-139 MiB).
# Each run names SLF4J's provider as its JVM options do (command.jvm, server.jvm), so that it is in the archive too: a
# class the archive lacks is looked for in the jar, and the first such look opens it (its 46,000 entries, some 20 ms).
static_archive() { # static_archive ARCHIVE PROVIDER TRAINING-ARGUMENTS...
    out=$1 provider=$2
    shift 2
    "$java" -Xshare:off -XX:DumpLoadedClassList="$out.classes" -Xlog:cds=off -Dslf4j.provider="$provider" \
        -Dslf4j.internal.verbosity=WARN -cp "$jar" io.mooring.ClassDataTraining "$@"
    "$java" -Xshare:dump -XX:SharedClassListFile="$out.classes" -XX:SharedArchiveFile="$out.new" -Xlog:disable \
        -Xlog:all=error:stderr -cp "$jar"
    rm -f "$out.classes"
}
static_archive "$archive" io.mooring.wiring.CommandLogProvider "$dir"
static_archive "$agent_archive" ch.qos.logback.classic.spi.LogbackServiceProvider "$dir" agent
chmod 0644 "$archive.new" "$agent_archive.new"
mv "$archive.new" "$archive"
mv "$agent_archive.new" "$agent_archive"
