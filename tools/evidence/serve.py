"""Serve one evidence app on 127.0.0.1 with its framework's usual server (run inside a child venv).

Usage: ``python serve.py FRAMEWORK APP_DIR PORT [MODE] [SERVER]``. MODE is ``default`` (the
server's own threading default), ``single`` (one request at a time) or ``threaded``; SERVER is
``dev`` (the framework's development or reference server) or, in full mode, ``gunicorn`` or
``waitress``. Standard library only at import time: it runs in venvs that do not hold this
package. The apps' own ``if __name__ == "__main__"`` blocks serve on fixed ports; this script
does the same thing on a free port chosen by the harness.
"""

from __future__ import annotations

import glob
import importlib
import os
import sys
from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIServer, make_server

HOST = "127.0.0.1"


class ThreadingWSGIServer(ThreadingMixIn, WSGIServer):
    """wsgiref's server with one thread per request (backlog 64, like production servers)."""

    daemon_threads = True
    request_queue_size = 64


def serve_wsgiref(app, port: int, mode: str) -> None:
    """Serve a WSGI app with the standard library's wsgiref (single-threaded by default)."""
    cls = ThreadingWSGIServer if mode == "threaded" else WSGIServer
    with make_server(HOST, port, app, server_class=cls) as httpd:
        httpd.serve_forever()


def serve_production(app, port: int, server: str, mode: str) -> None:
    """Serve a WSGI app with gunicorn or waitress (full mode only)."""
    if server == "waitress":
        import waitress

        waitress.serve(app, host=HOST, port=port, threads=1 if mode == "single" else 4)
        return
    from gunicorn.app.base import BaseApplication

    class App(BaseApplication):
        def load_config(self):
            self.cfg.set("bind", f"{HOST}:{port}")
            self.cfg.set("workers", 1)
            self.cfg.set("threads", 1 if mode == "single" else 4)

        def load(self):
            return app

    App().run()


def main(argv: list[str]) -> None:
    """Entry point; see the module docstring."""
    framework, app_dir, port_text = argv[:3]
    mode = argv[3] if len(argv) > 3 else "default"
    server = argv[4] if len(argv) > 4 else "dev"
    port = int(port_text)
    os.chdir(app_dir)
    sys.path.insert(0, app_dir)
    if framework == "django":
        from django.core.management import execute_from_command_line

        if os.path.exists("manage.py"):
            os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")
            module = "mysite.wsgi"
            if glob.glob(os.path.join("*", "migrations", "0*.py")):
                # A project with models: create its tables first, as `manage.py migrate` does.
                execute_from_command_line(["manage.py", "migrate", "--verbosity", "0"])
        else:
            module = "app"
        if server != "dev":
            app = importlib.import_module(module)
            if module == "app":
                from django.core.wsgi import get_wsgi_application

                serve_production(get_wsgi_application(), port, server, mode)
            else:
                serve_production(app.application, port, server, mode)
            return
        if module == "app":
            importlib.import_module("app")
        args = ["manage.py", "runserver", f"{HOST}:{port}", "--noreload"]
        execute_from_command_line(args + (["--nothreading"] if mode == "single" else []))
        return
    module = importlib.import_module("app")
    if framework == "tornado":
        import asyncio

        async def run() -> None:
            module.make_app().listen(port, address=HOST)
            await asyncio.Event().wait()

        asyncio.run(run())
    elif framework == "fastapi":
        import uvicorn

        uvicorn.run(module.app, host=HOST, port=port, log_level="warning")
    elif server != "dev":
        serve_production(module.app, port, server, mode)
    elif framework == "flask":
        kwargs = {} if mode == "default" else {"threaded": mode == "threaded"}
        module.app.run(host=HOST, port=port, **kwargs)
    elif framework == "bottle":
        import bottle

        bottle.run(module.app, host=HOST, port=port, quiet=True)
    else:  # wsgiref, falcon, pyramid: the stdlib reference server their docs use
        serve_wsgiref(module.app, port, mode)


if __name__ == "__main__":
    main(sys.argv[1:])
