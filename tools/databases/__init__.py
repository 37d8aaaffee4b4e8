"""Measure SQLite, PostgreSQL and MariaDB on this machine for ``data/python-web-databases/``.

Run from the repository root (as root or as an ordinary user; servers run unprivileged)::

    python -m venv /tmp/dbmeasure-venv
    /tmp/dbmeasure-venv/bin/pip install "psycopg[binary]" pymysql flask gunicorn
    apt-get install -y postgresql mariadb-server      # Debian 12: PostgreSQL 15, MariaDB 10.11
    /tmp/dbmeasure-venv/bin/python -m tools.databases --out data/evidence/database-measurements.csv

The drivers, Flask and gunicorn are needed only for this tool, so they are not project
dependencies (``--no-web`` skips the Flask test, which then needs neither). Every server is
started by hand in a temporary directory (PostgreSQL on a unix socket, MariaDB with
``--skip-networking`` on a unix socket), never through the system's service manager, and is
stopped again at the end; the Flask app listens on 127.0.0.1 only, on a free port, and is
stopped after its runs. ``core`` holds the pure parts (dpkg status parsing, the dependency
closure, summaries, CSV rows), ``servers`` starts and stops the servers, ``workload`` runs the
concurrent-write test with processes that talk to the database directly, ``webapp`` its web-app
variant (a tiny Flask app under gunicorn, posted to by HTTP client threads). The file's columns
and measures: ``data/evidence/README.md``.
"""
