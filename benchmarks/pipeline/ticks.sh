# Sourced by the benchmark scripts that read CPU time from /proc.
# ticks: for each component of the stack under $HOME_DIR, "<name> <CPU clock ticks>", user + system, of every process
# in its process group (a JVM and whatever it started).
ticks() {
  local file name pgid total ticks
  for file in "$HOME_DIR"/pids/*.pid; do
    name=$(basename "$file" .pid)
    pgid=$(ps -o pgid= -p "$(cat "$file")" | tr -d ' ') || { echo "$name 0"; continue; }
    total=0
    for pid in $(pgrep -g "$pgid"); do
      # Fields 14 and 15 counted after the command name, which is in parentheses and may hold spaces.
      ticks=$(sed 's/^.*) //' "/proc/$pid/stat" 2>/dev/null | awk '{ s = $12 + $13 } END { print s + 0 }') || ticks=0
      total=$(( total + ticks ))
    done
    echo "$name $total"
  done
}

# thread_ticks: for each component, "<name> <kind> <pid>/<tid> <CPU clock ticks> <thread name>" of each live thread of
# its processes (spaces in the name as _),
# kind "jit" for the JIT compiler threads, "gc" for the garbage collector's and the VM thread (which runs the
# collector's pauses and other safepoint operations), "work" for the rest.
thread_ticks() {
  local file name pgid pid task comm kind ticks
  for file in "$HOME_DIR"/pids/*.pid; do
    name=$(basename "$file" .pid)
    pgid=$(ps -o pgid= -p "$(cat "$file")" | tr -d ' ') || continue
    for pid in $(pgrep -g "$pgid"); do
      for task in /proc/"$pid"/task/*; do
        comm=$(cat "$task/comm" 2>/dev/null) || continue
        case "$comm" in
          C1\ CompilerThre*|C2\ CompilerThre*) kind=jit ;;
          GC\ Thread*|G1\ *|VM\ Thread) kind=gc ;;
          *) kind=work ;;
        esac
        ticks=$(sed 's/^.*) //' "$task/stat" 2>/dev/null | awk '{ print $12 + $13 }') || continue
        echo "$name $kind $pid/$(basename "$task") ${ticks:-0} ${comm// /_}"
      done
    done
  done
}
