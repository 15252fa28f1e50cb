#!/usr/bin/env python3
"""Write the nginx site of FNE Ateliers to standard output, as one self-contained file.

    python3 deploy/render_nginx.py --server-name ateliers.example.fr \\
        --certificate /etc/letsencrypt/live/ateliers.example.fr/fullchain.pem \\
        --certificate-key /etc/letsencrypt/live/ateliers.example.fr/privkey.pem \\
        --daphne 127.0.0.1:8001 --daphne 127.0.0.1:8002 \\
        > /etc/nginx/sites-available/fne92

Standard library only: it runs before the application is installed. The template is
deploy/nginx/fne92.conf.in; its `include x.conf;` lines are replaced by deploy/nginx/x.conf.
"""

import argparse
import re
import string
from pathlib import Path

HERE = Path(__file__).resolve().parent
INCLUDE = re.compile(r"^(?P<indent>[ \t]*)include (?P<name>proxy_[a-z_]+\.conf);$", re.MULTILINE)


def inline_includes(text: str) -> str:
    def replace(match: re.Match) -> str:
        body = inline_includes((HERE / "nginx" / match["name"]).read_text()).rstrip("\n")
        return "\n".join(match["indent"] + line if line else line for line in body.split("\n"))

    return INCLUDE.sub(replace, text)


def render(
    *,
    server_name: str,
    certificate: str,
    certificate_key: str,
    daphne: list[str],
    static_root: str,
    app_dir: str,
    http_port: int = 80,
    https_port: int = 443,
) -> str:
    template = string.Template(inline_includes((HERE / "nginx" / "fne92.conf.in").read_text()))
    values = {
        "SERVER_NAME": server_name,
        "CERTIFICATE": certificate,
        "CERTIFICATE_KEY": certificate_key,
        "UPSTREAM_SERVERS": "\n".join(f"    server {address} max_fails=0;" for address in daphne),
        "STATIC_ROOT": static_root.rstrip("/"),
        "APP_DIR": app_dir.rstrip("/"),
        "HTTP_PORT": str(http_port),
        "HTTPS_PORT": str(https_port),
        "HTTPS_PORT_SUFFIX": "" if https_port == 443 else f":{https_port}",
    }
    # safe_substitute: nginx's own $host, $http_upgrade… are not ours and stay as they are.
    return template.safe_substitute(values)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--server-name", required=True, help="ateliers.example.fr")
    parser.add_argument("--certificate", required=True, help="fullchain.pem")
    parser.add_argument("--certificate-key", required=True, help="privkey.pem")
    parser.add_argument(
        "--daphne",
        action="append",
        help="a Daphne process's address, once per process (default 127.0.0.1:8001 and :8002)",
    )
    parser.add_argument("--app-dir", default="/srv/fne92", help="where the code is installed")
    parser.add_argument("--static-root", help="collectstatic's output (default APP_DIR/var/…)")
    parser.add_argument("--http-port", type=int, default=80)
    parser.add_argument("--https-port", type=int, default=443)
    args = parser.parse_args()
    print(
        render(
            server_name=args.server_name,
            certificate=args.certificate,
            certificate_key=args.certificate_key,
            daphne=args.daphne or ["127.0.0.1:8001", "127.0.0.1:8002"],
            static_root=args.static_root or f"{args.app_dir.rstrip('/')}/var/staticfiles",
            app_dir=args.app_dir,
            http_port=args.http_port,
            https_port=args.https_port,
        ),
        end="",
    )


if __name__ == "__main__":
    main()
