"""What scripts/container-image, systemd-units and kubernetes-manifest share: the Dockerfile's runtime stage, a
jvicorn process whose log is awaited line by line, a free port of this task's range, and the request that is in
flight across a SIGTERM (a POST to the example EchoApp whose body is sent in two halves around the signal)."""
import json
import os
import re
import socket
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
JDK = "/usr/lib/jvm/temurin-25-jdk-amd64"
PORTS = range(18700, 18800)
_TOOL = os.path.basename(sys.argv[0])


def fail(message):
    print(f"{_TOOL}: FAILED: {message}", file=sys.stderr)
    sys.exit(1)


def use_jdk():
    """Puts the JDK the project builds and tests with first, for the scripts and the tools they run."""
    os.environ["JAVA_HOME"] = JDK
    os.environ["PATH"] = f"{JDK}/bin:{os.environ['PATH']}"


def build_jar():
    """cli/target/jvicorn.jar and examples/target, offline, without tests (the scripts' --no-build skips it)."""
    subprocess.run(["mvn", "-B", "-o", "-q", "-pl", "cli,examples", "-am", "-DskipTests",
                    "-Dmaven.source.skip=true", "package"], cwd=ROOT, check=True)


def runtime_stage():
    """The Dockerfile's last stage: {INSTRUCTION: [arguments, ...]}, continuation lines joined."""
    text = open(os.path.join(ROOT, "Dockerfile")).read().replace("\\\n", " ")
    found = {}
    for line in re.split(r"(?m)^FROM ", text)[-1].splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            name, _, rest = line.partition(" ")
            found.setdefault(name.upper(), []).append(rest.strip())
    return found


def exec_form(stage, instruction):
    """ENTRYPOINT or CMD as a list; fails on the shell form, where a shell would be PID 1 and keep SIGTERM."""
    value = stage.get(instruction, [""])[-1]
    if not value.startswith("["):
        fail(f"{instruction} is not in exec form: {value!r}")
    return json.loads(value)


def image_user(stage):
    """(uid, gid) of the runtime stage's USER, which must be numeric and not root."""
    user = stage.get("USER", [""])[-1]
    match = re.fullmatch(r"(\d+)(?::(\d+))?", user)
    if not match or int(match.group(1)) == 0:
        fail(f"USER {user!r}: must be a numeric non-root uid (Kubernetes' runAsNonRoot checks numbers)")
    return int(match.group(1)), int(match.group(2) or match.group(1))


def free_port():
    for port in PORTS:
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
                return port
            except OSError:
                continue
    fail(f"no free port in {PORTS.start}-{PORTS.stop - 1}")


def as_user(uid, gid):
    """setpriv's prefix: that uid and gid, no supplementary groups, no capabilities, no_new_privs."""
    return ["setpriv", f"--reuid={uid}", f"--regid={gid}", "--clear-groups", "--inh-caps=-all", "--no-new-privs",
            "--"]


class LoggedProcess:
    """A command whose standard output and error are read line by line, so that a test waits for what it logs."""

    def __init__(self, argv, env, cwd=None, stdin=None):
        self.process = subprocess.Popen(argv, cwd=cwd, env=env, stdin=stdin, stdout=subprocess.PIPE,
                                        stderr=subprocess.STDOUT, text=True)
        self.lines = []

    def await_line(self, pattern, timeout=60):
        """The match of the first new line matching pattern; fails if the process exits or is silent too long."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            line = self.process.stdout.readline()
            if not line:
                fail(f"exited ({self.process.wait()}) before printing /{pattern}/:\n{self.log()}")
            self.lines.append(line)
            match = re.search(pattern, line)
            if match:
                return match
        fail(f"no line /{pattern}/ in {timeout} s:\n{self.log()}")

    def await_exit(self, timeout, what):
        """The exit status, and the rest of the log read; fails if still running after timeout seconds."""
        try:
            status = self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.kill()
            fail(f"still running {timeout} s after SIGTERM ({what})")
        self.lines.extend(self.process.stdout.readlines())
        return status

    def log(self):
        return "".join(self.lines)

    def kill(self):
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()


def proc_status(pid, field):
    with open(f"/proc/{pid}/status") as status:
        return next(line.split(":", 1)[1].split() for line in status if line.startswith(field + ":"))


def start_upload(port, timeout):
    """Opens a POST of 10 bytes to EchoApp and sends the first 5; returns the socket once they came back (so the
    request is running in the application)."""
    client = socket.create_connection(("127.0.0.1", port), timeout=timeout)
    client.sendall(b"POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\nContent-Type: text/plain\r\n\r\n"
                   b"first")
    reply = b""
    while b"first" not in reply:
        chunk = client.recv(4096)
        if not chunk:
            fail(f"the connection closed before the first half of the body was echoed: {reply!r}")
        reply += chunk
    return client, reply


def finish_upload(client, reply):
    """Sends the second half and reads to the end; fails unless the whole response came: 200, both halves, the
    last chunk."""
    with client:
        client.sendall(b"after")
        while chunk := client.recv(4096):
            reply += chunk
    if not reply.startswith(b"HTTP/1.1 200") or b"after" not in reply or not reply.endswith(b"0\r\n\r\n"):
        fail(f"the request in flight at SIGTERM was not answered in full: {reply!r}")
