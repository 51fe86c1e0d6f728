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
