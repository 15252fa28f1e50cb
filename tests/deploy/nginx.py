"""nginx on the loopback, with the production site (deploy/render_nginx.py) in front of the
given Daphne processes, TLS with a certificate made for the run. Its own prefix, pid file and
ports: never the system's nginx.

The deploy tests use it as a fixture; the CI stage starts and stops it around the benchmark:
    python -m tests.deploy.nginx start DIR --daphne 127.0.0.1:8100 --daphne 127.0.0.1:8101
    python -m tests.deploy.nginx stop DIR
"""

import argparse
import importlib.util
import os
import signal
import socket
import subprocess
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
NGINX = "/usr/sbin/nginx"

_spec = importlib.util.spec_from_file_location("render_nginx", ROOT / "deploy" / "render_nginx.py")
render_nginx = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(render_nginx)

# Workers as root: this instance lives in a private temporary folder (pytest's are 0700) that
# an unprivileged worker could not write request bodies into; it listens on the loopback only.
MAIN = """
user root;
pid {directory}/nginx.pid;
error_log {directory}/error.log warn;
worker_processes auto;
worker_rlimit_nofile 20000;
events {{ worker_connections 8192; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log {directory}/access.log;
    client_body_temp_path {directory}/body;
    proxy_temp_path {directory}/proxy;
    fastcgi_temp_path {directory}/fastcgi;
    uwsgi_temp_path {directory}/uwsgi;
    scgi_temp_path {directory}/scgi;
    include {directory}/site.conf;
}}
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class LoopbackNginx:
    def __init__(
        self,
        *,
        directory: Path,
        daphne: list[str],
        https_port: int | None = None,
        static_root: Path = ROOT / "var" / "staticfiles",
    ):
        self.directory = Path(directory)
        self.static_root = static_root
        self.daphne = daphne
        self.https_port = https_port or free_port()
        self.http_port = free_port()

    @property
    def url(self) -> str:
        return f"https://127.0.0.1:{self.https_port}"

    @property
    def config(self) -> Path:
        return self.directory / "nginx.conf"

    def start(self, timeout: float = 15) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        certificate, key = self.directory / "cert.pem", self.directory / "key.pem"
        subprocess.run(
            ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"]
            + ["-subj", "/CN=127.0.0.1", "-keyout", str(key), "-out", str(certificate)],
            check=True,
            capture_output=True,
        )
        site = render_nginx.render(
            server_name="127.0.0.1 localhost",
            certificate=str(certificate),
            certificate_key=str(key),
            daphne=self.daphne,
            static_root=str(self.static_root),
            app_dir=str(ROOT),
            http_port=self.http_port,
            https_port=self.https_port,
        )
        (self.directory / "site.conf").write_text(site)
        self.config.write_text(MAIN.format(directory=self.directory))
        subprocess.run(
            [NGINX, "-p", str(self.directory), "-c", str(self.config)],
            check=True,
            capture_output=True,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.https_port), timeout=0.5).close()
                return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError(f"nginx ne répond pas :\n{self.errors()}")

    def stop(self) -> None:
        pid_file = self.directory / "nginx.pid"
        if not pid_file.exists():
            return
        pid = int(pid_file.read_text())
        os.kill(pid, signal.SIGTERM)  # nginx's "fast shutdown"
        for _ in range(100):
            if not pid_file.exists():
                return
            time.sleep(0.1)

    def errors(self) -> str:
        log = self.directory / "error.log"
        return log.read_text(errors="replace")[-4000:] if log.exists() else ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("action", choices=["start", "stop"])
    parser.add_argument("directory", type=Path)
    parser.add_argument("--daphne", action="append", default=[])
    parser.add_argument("--https-port", type=int, default=18443)
    args = parser.parse_args()
    nginx = LoopbackNginx(directory=args.directory, daphne=args.daphne, https_port=args.https_port)
    if args.action == "start":
        nginx.start()
        print(nginx.url)
    else:
        nginx.stop()


if __name__ == "__main__":
    main()
