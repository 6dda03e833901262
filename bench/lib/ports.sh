# Sourced by the bench scripts: one definition of "several free loopback ports".
#
# free_ports N prints N different ports that were free on 127.0.0.1, space-separated. All N sockets
# are held open until every port is known: asked one after the other, the kernel may hand out the
# same port twice, and nginx accepts two listen lines on one port (the first server block then
# answers for both, and a cell measures the wrong server).
free_ports() {
  python3 - "$1" <<'PY'
import socket, sys
held = []
for _ in range(int(sys.argv[1])):
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    held.append(s)
print(" ".join(str(s.getsockname()[1]) for s in held))
for s in held:
    s.close()
PY
}
