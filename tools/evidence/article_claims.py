"""Measure the checkable claims of the article "Flask vs Django in 2022" on current releases.

Prints the figures quoted in ``data/django-vs-flask/evidence.csv`` and ``claims.csv``:

1. versions of Flask, Django, Werkzeug, Jinja2 and the extensions used;
2. Flask's development server: the ``threaded`` default in ``Flask.run`` (file and line), the
   ``--with-threads`` default of ``flask run``, Django's ``runserver`` threading default, and a
   live test: 8 concurrent requests to a view that sleeps 0.5 s, with and without threads;
3. what Flask's core does and does not contain (blueprints, test client, debugger, autoescape,
   CSRF, admin, ORM);
4. what ``django-admin startproject`` + ``startapp`` generate (files, lines), the default
   security middleware, database backends, password hashers and ``check --deploy``;
5. lines of code for the same app written in both frameworks, in three sizes:
   ``hello`` (one JSON endpoint + one HTML page from a template), ``crud`` (a Note model with
   list/create/edit/delete pages, form validation, CSRF and a JSON list endpoint) and
   ``crud+admin+auth`` (``crud`` plus an admin back-office and login-protected editing).
   Each app is built in a temporary directory, exercised with the framework's test client
   (so every counted line is known to work), then counted with the evidence harness's line
   counter (`tools.evidence.core`): a Python line counts when it holds code (not blank, not only
   a comment, not part of a docstring), a template line when it is not blank and not only a
   comment. For Django the lines written by hand are the lines added or changed relative to the
   ``startproject``/``startapp`` skeleton; generated files (skeleton, migrations) are reported
   separately.

Needs, in the interpreter that runs it (a scratch venv, not the project's environment), run
from the repository root::

    python -m venv /tmp/fwcheck
    /tmp/fwcheck/bin/pip install flask django flask-sqlalchemy flask-wtf flask-login flask-admin
    /tmp/fwcheck/bin/python -m tools.evidence.article_claims [--json figures.json]

Uses only the standard library besides those packages (`tools.evidence.core` and
`tools.evidence.runner` are standard library only); writes only to a temporary directory;
needs no network (the live threading test binds to 127.0.0.1).
"""

# The embedded apps and check scripts below are kept exactly as they are counted, long lines too.
# ruff: noqa: E501

from __future__ import annotations

import importlib.metadata as md
import inspect
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
import urllib.request
from pathlib import Path

if not __package__:  # run as a file (python tools/evidence/article_claims.py): find `tools`
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tools.evidence import core, runner  # noqa: E402  (standard library only)

#: Files counted in the apps: Python modules and their templates.
COUNTED = (".py", ".html")

PACKAGES = (
    "flask",
    "werkzeug",
    "jinja2",
    "django",
    "flask-sqlalchemy",
    "sqlalchemy",
    "flask-wtf",
    "wtforms",
    "flask-login",
    "flask-admin",
)


def section(title: str) -> None:
    print(f"\n== {title} ==")


# --------------------------------------------------------------------------- line counting


def template_code_lines(text: str) -> list[str]:
    """The lines of a template that are not blank and not only a comment, stripped, in order."""
    lines = (line.strip() for line in text.splitlines())
    return [s for s in lines if s and not re.fullmatch(r"\{#.*#\}|<!--.*-->", s)]


def code_lines(path: Path) -> list[str]:
    """Code lines of a file, stripped: `core.code_line_texts` for Python, else a template's."""
    text = path.read_text(encoding="utf-8")
    return core.code_line_texts(text) if path.suffix == ".py" else template_code_lines(text)


def tree_code_lines(root: Path) -> dict[str, list[str]]:
    """Code lines of every counted file below ``root``, keyed by its relative path."""
    return {
        p.relative_to(root).as_posix(): code_lines(p) for p in core.project_files(root, COUNTED)
    }


# --------------------------------------------------------------------------- helpers


def dedent(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


def write_files(root: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(dedent(text))


# --------------------------------------------------------------------------- 1. versions


def versions() -> dict[str, str]:
    section("1. versions")
    out = {}
    for name in PACKAGES:
        try:
            out[name] = md.version(name)
        except md.PackageNotFoundError:
            sys.exit(f"missing package {name!r}: install the packages listed in the docstring")
    print(f"python {sys.version.split()[0]}; " + ", ".join(f"{k} {v}" for k, v in out.items()))
    for name in ("flask", "django"):
        meta = md.metadata(name)
        wheel = next((f for f in md.distribution(name).files if f.name == "WHEEL"), None)
        tags = (
            [ln.split(": ", 1)[1] for ln in wheel.read_text().splitlines() if ln.startswith("Tag")]
            if wheel
            else []
        )
        print(
            f"{name}: licence {meta.get('License-Expression') or meta.get('License')}; wheel tag "
            f"{', '.join(tags) or 'unknown'}; requires Python {meta.get('Requires-Python')}"
        )
    return out


# --------------------------------------------------------------------------- 2. threading


SLEEPY_APP = """
import sys, time
from flask import Flask
app = Flask(__name__)

@app.route("/")
def slow():
    time.sleep(0.5)
    return "ok"

kwargs = {} if sys.argv[2] == "default" else {"threaded": False}
app.run(port=int(sys.argv[1]), **kwargs)
"""


def concurrent_wall_time(tmp: Path, mode: str, n: int = 8) -> float:
    script = tmp / "sleepy.py"
    script.write_text(SLEEPY_APP)
    port = runner.free_port()
    proc = subprocess.Popen(
        [sys.executable, str(script), str(port), mode],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
                break
            except OSError:
                time.sleep(0.1)
        url = f"http://127.0.0.1:{port}/"
        threads = [
            threading.Thread(target=lambda: urllib.request.urlopen(url, timeout=30).read())
            for _ in range(n)
        ]
        t0 = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        return time.perf_counter() - t0
    finally:
        proc.terminate()
        proc.wait()


def threading_defaults(tmp: Path) -> dict:
    section("2. development server threading")
    import flask
    import flask.cli
    from django.core.management.commands.runserver import Command as RunServer

    src, start = inspect.getsourcelines(flask.Flask.run)
    line_no, line = next((start + i, s.strip()) for i, s in enumerate(src) if '"threaded"' in s)
    path = Path(inspect.getsourcefile(flask.Flask.run))
    rel = path.relative_to(path.parents[1])
    print(f"Flask.run: {rel}:{line_no}: {line}")
    opt = next(p for p in flask.cli.run_command.params if p.name == "with_threads")
    print(f"flask run: option {'/'.join(opt.opts + opt.secondary_opts)} default={opt.default}")
    ws_default = (
        inspect.signature(__import__("werkzeug.serving").serving.run_simple)
        .parameters["threaded"]
        .default
    )
    print(f"werkzeug.serving.run_simple(threaded=...) default={ws_default} (Flask overrides it)")
    dj = RunServer().create_parser("manage.py", "runserver").parse_args([]).use_threading
    print(f"django runserver: use_threading default={dj} (--nothreading turns it off)")
    t_thr = concurrent_wall_time(tmp, "default")
    t_single = concurrent_wall_time(tmp, "single")
    print(
        f"live test, 8 concurrent requests to a view sleeping 0.5 s: app.run() default "
        f"{t_thr:.2f} s, app.run(threaded=False) {t_single:.2f} s"
    )
    return {
        "flask_run_line": f"{rel}:{line_no}",
        "flask_run_src": line,
        "cli_with_threads_default": opt.default,
        "django_runserver_threading": dj,
        "wall_threaded_s": round(t_thr, 2),
        "wall_single_s": round(t_single, 2),
    }


# --------------------------------------------------------------------------- 3. Flask core


def flask_core() -> dict:
    section("3. Flask core")
    import flask
    import werkzeug.debug

    root = Path(flask.__file__).parent
    texts = {p.relative_to(root).as_posix(): p.read_text().lower() for p in root.rglob("*.py")}

    def hits(word: str) -> list[str]:
        return sorted(k for k, t in texts.items() if word in t)

    app = flask.Flask("probe")

    @app.get("/item/<int:n>")
    def item(n):
        return {"n": n}

    bp = flask.Blueprint("part", __name__)

    @bp.route("/hi")
    def hi():
        return "hi"

    app.register_blueprint(bp, url_prefix="/part")
    client = app.test_client()
    with app.app_context():
        escaped = flask.render_template_string("{{ x }}", x="<script>")
    out = {
        "blueprint_ok": client.get("/part/hi").data == b"hi",
        "json_from_dict": client.get("/item/3").get_json() == {"n": 3},
        "post_to_get_route": client.post("/item/3").status_code,
        "autoescape": escaped,
        "autoescape_exts": inspect.getsource(flask.Flask.select_jinja_autoescape)
        .split("endswith")[1]
        .strip()
        .rstrip(")")
        .strip("("),
        "debugger_class": f"{werkzeug.debug.DebuggedApplication.__module__}.DebuggedApplication",
        "csrf_hits": hits("csrf"),
        "sqlalchemy_import": [
            k for k, t in texts.items() if "import sqlalchemy" in t or "from sqlalchemy" in t
        ],
        "admin_hits": hits("admin"),
        "requires": [
            r.split(";")[0].split(">")[0].split("<")[0].strip()
            for r in md.requires("flask")
            if "extra" not in r
        ],
        "cli_commands": sorted(flask.cli.FlaskGroup().commands),
        "public_names": sorted(
            n
            for n in vars(flask)
            if not n.startswith("_")
            and n != "annotations"
            and not inspect.ismodule(getattr(flask, n))
        ),
        "config_loaders": sorted(n for n in dir(flask.Config) if n.startswith("from_")),
    }
    print(
        f"Blueprint registered and served: {out['blueprint_ok']}; test_client: yes; "
        f"dict -> JSON: {out['json_from_dict']}; POST to a GET-only route -> {out['post_to_get_route']}"
    )
    print(f"Jinja autoescape: '<script>' renders as {escaped!r}; on for {out['autoescape_exts']}")
    print(f"interactive debugger: {out['debugger_class']}")
    print(
        f"'csrf' in flask source: {out['csrf_hits'] or 'no file'}; sqlalchemy imported: "
        f"{out['sqlalchemy_import'] or 'no file'}; 'admin' in flask source: {out['admin_hits'] or 'no file'}"
    )
    print(f"runtime requirements: {', '.join(out['requires'])}")
    print(f"flask CLI commands: {', '.join(out['cli_commands'])} (no project generator)")
    print(
        f"public names in the flask package: {len(out['public_names'])}; Config loaders: "
        f"{', '.join(out['config_loaders'])}"
    )
    return out


# --------------------------------------------------------------------------- 4. Django


def django_skeleton(root: Path, project: str, app: str) -> Path:
    runner.run_checked([sys.executable, "-m", "django", "startproject", project], cwd=root)
    proj = root / project
    runner.run_checked([sys.executable, "manage.py", "startapp", app], cwd=proj)
    return proj


def django_facts(tmp: Path) -> dict:
    section("4. Django: startproject + startapp, defaults")
    base = tmp / "skeleton"
    base.mkdir()
    proj = django_skeleton(base, "mysite", "polls")
    files = [p for p in sorted(proj.rglob("*")) if p.is_file()]
    total = sum(len(p.read_text().splitlines()) for p in files)
    code = sum(len(v) for v in tree_code_lines(proj).values())
    settings = (proj / "mysite" / "settings.py").read_text()
    mw = re.findall(r"'([\w.]+Middleware)'", settings)
    apps = re.findall(r"'(django\.contrib\.\w+)'", settings)
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="mysite.settings", PYTHONPATH=str(proj))
    deploy = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy"],
        cwd=proj,
        env=env,
        capture_output=True,
        text=True,
    )
    warnings = re.findall(r"\((security\.W\d+)\)", deploy.stdout + deploy.stderr)
    probe = runner.run_checked(
        [
            sys.executable,
            "-c",
            textwrap.dedent("""
        import json, pkgutil, django
        django.setup()
        import django.db.backends as b
        from django.conf import settings
        from django.core.management import get_commands
        import django.test
        print(json.dumps({
            "backends": sorted(m.name for m in pkgutil.iter_modules(b.__path__)
                               if m.ispkg and m.name not in ("base", "dummy")),
            "hashers": [h.rsplit(".", 1)[1] for h in settings.PASSWORD_HASHERS],
            "x_frame_options": settings.X_FRAME_OPTIONS,
            "commands": len(get_commands()),
            "test_tools": [n for n in ("Client", "TestCase", "LiveServerTestCase") if hasattr(django.test, n)],
            "atomic_requests": settings.DATABASES["default"].get("ATOMIC_REQUESTS"),
            "template_backends": sorted(m.name for m in pkgutil.iter_modules(
                __import__("django.template.backends", fromlist=["x"]).__path__)
                if m.name in ("django", "jinja2")),
        }))
    """),
        ],
        cwd=proj,
        env=env,
    )
    facts = json.loads(probe)
    facts.update(
        {
            "files": len(files),
            "lines": total,
            "code_lines": code,
            "file_list": [str(p.relative_to(proj)) for p in files],
            "middleware": mw,
            "contrib_apps": apps,
            "deploy_warnings": warnings,
        }
    )
    print(
        f"startproject mysite + startapp polls: {len(files)} files, {total} lines "
        f"({code} code lines)"
    )
    print("  " + ", ".join(facts["file_list"]))
    print(f"default MIDDLEWARE: {', '.join(m.rsplit('.', 1)[1] for m in mw)}")
    print(f"default INSTALLED_APPS: {', '.join(apps)}")
    print(f"database backends shipped: {', '.join(facts['backends'])}")
    print(
        f"PASSWORD_HASHERS: {', '.join(facts['hashers'])}; X_FRAME_OPTIONS={facts['x_frame_options']}"
    )
    print(
        f"template backends: {', '.join(facts['template_backends'])}; ATOMIC_REQUESTS default "
        f"{facts['atomic_requests']}"
    )
    print(
        f"manage.py commands with the default apps: {facts['commands']}; django.test: "
        f"{', '.join(facts['test_tools'])}"
    )
    print(
        f"manage.py check --deploy on the fresh project: {len(warnings)} warnings ({', '.join(warnings)})"
    )
    return facts


# --------------------------------------------------------------------------- 5. the same app twice

FLASK_HELLO = {
    "app.py": """
        from flask import Flask, render_template

        app = Flask(__name__)


        @app.route("/")
        def index():
            return render_template("index.html", name="world")


        @app.route("/api/hello")
        def api_hello():
            return {"message": "hello"}
    """,
    "templates/index.html": """
        <!doctype html>
        <title>Hello</title>
        <h1>Hello, {{ name }}!</h1>
    """,
}

FLASK_CRUD = {
    "app.py": """
        from flask import Flask, redirect, render_template, url_for
        from flask_sqlalchemy import SQLAlchemy
        from flask_wtf import FlaskForm
        from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
        from wtforms import StringField, TextAreaField
        from wtforms.validators import DataRequired, Length


        class Base(DeclarativeBase):
            pass


        db = SQLAlchemy(model_class=Base)
        app = Flask(__name__)
        app.config["SECRET_KEY"] = "change-me"
        app.config["SQLALCHEMY_DATABASE_URI"] = "sqlite:///notes.db"
        db.init_app(app)


        class Note(db.Model):
            id: Mapped[int] = mapped_column(primary_key=True)
            title: Mapped[str] = mapped_column(db.String(200))
            body: Mapped[str] = mapped_column(db.Text, default="")


        class NoteForm(FlaskForm):
            title = StringField("Title", validators=[DataRequired(), Length(max=200)])
            body = TextAreaField("Body")


        with app.app_context():
            db.create_all()


        @app.route("/")
        def note_list():
            notes = db.session.execute(db.select(Note).order_by(Note.id)).scalars()
            return render_template("note_list.html", notes=notes)


        @app.route("/new", methods=["GET", "POST"])
        @app.route("/<int:id>/edit", methods=["GET", "POST"])
        def note_edit(id=None):
            note = db.get_or_404(Note, id) if id else Note()
            form = NoteForm(obj=note)
            if form.validate_on_submit():
                form.populate_obj(note)
                db.session.add(note)
                db.session.commit()
                return redirect(url_for("note_list"))
            return render_template("note_form.html", form=form)


        @app.route("/<int:id>/delete", methods=["GET", "POST"])
        def note_delete(id):
            note = db.get_or_404(Note, id)
            form = FlaskForm()
            if form.validate_on_submit():
                db.session.delete(note)
                db.session.commit()
                return redirect(url_for("note_list"))
            return render_template("note_confirm_delete.html", note=note, form=form)


        @app.route("/api/notes")
        def api_notes():
            notes = db.session.execute(db.select(Note)).scalars()
            return {"notes": [{"id": n.id, "title": n.title, "body": n.body} for n in notes]}
    """,
    "templates/note_list.html": """
        <!doctype html>
        <title>Notes</title>
        <h1>Notes</h1>
        <a href="{{ url_for('note_edit') }}">New note</a>
        <ul>
        {% for note in notes %}
          <li>{{ note.title }} <a href="{{ url_for('note_edit', id=note.id) }}">edit</a>
            <a href="{{ url_for('note_delete', id=note.id) }}">delete</a></li>
        {% endfor %}
        </ul>
    """,
    "templates/note_form.html": """
        <!doctype html>
        <title>Note</title>
        <form method="post">
          {{ form.hidden_tag() }}
          <p>{{ form.title.label }} {{ form.title() }} {{ form.title.errors|join(" ") }}</p>
          <p>{{ form.body.label }} {{ form.body() }}</p>
          <button>Save</button>
        </form>
    """,
    "templates/note_confirm_delete.html": """
        <!doctype html>
        <title>Delete</title>
        <form method="post">
          {{ form.hidden_tag() }}
          <p>Delete {{ note.title }}?</p>
          <button>Delete</button>
        </form>
    """,
}


def flask_full() -> dict[str, str]:
    """``crud`` plus Flask-Admin and Flask-Login (user model, login/logout, create-user command)."""
    files = {k: dedent(v) for k, v in FLASK_CRUD.items()}
    app = files["app.py"]
    app = (
        app.replace(
            "from flask import Flask, redirect, render_template, url_for\n",
            dedent("""
            import click
            from flask import Flask, redirect, render_template, url_for
            from flask_admin import Admin
            from flask_admin.contrib.sqla import ModelView
            from flask_login import LoginManager, UserMixin, current_user, login_required, login_user, logout_user
        """),
        )
        .replace(
            "from flask_wtf import FlaskForm\n", "from flask_wtf import CSRFProtect, FlaskForm\n"
        )
        .replace(
            "from wtforms import StringField, TextAreaField\n",
            dedent("""
            from werkzeug.security import check_password_hash, generate_password_hash
            from wtforms import PasswordField, StringField, TextAreaField
        """),
        )
        .replace(
            "db.init_app(app)\n",
            dedent("""
            db.init_app(app)
            CSRFProtect(app)
            login_manager = LoginManager(app)
            login_manager.login_view = "login"
        """),
        )
        .replace(
            "class NoteForm(FlaskForm):",
            dedent("""
            class User(UserMixin, db.Model):
                id: Mapped[int] = mapped_column(primary_key=True)
                username: Mapped[str] = mapped_column(db.String(150), unique=True)
                password_hash: Mapped[str] = mapped_column(db.String(256))


            @login_manager.user_loader
            def load_user(user_id):
                return db.session.get(User, int(user_id))


            class LoginForm(FlaskForm):
                username = StringField("Username", validators=[DataRequired()])
                password = PasswordField("Password", validators=[DataRequired()])


            class SecureModelView(ModelView):
                def is_accessible(self):
                    return current_user.is_authenticated


            admin = Admin(app)
            admin.add_view(SecureModelView(Note, db.session))


            class NoteForm(FlaskForm):"""),
        )
        .replace("def note_edit(id=None):", "@login_required\ndef note_edit(id=None):")
        .replace("def note_delete(id):", "@login_required\ndef note_delete(id):")
    )
    app += "\n\n" + dedent("""
        @app.route("/login", methods=["GET", "POST"])
        def login():
            form = LoginForm()
            if form.validate_on_submit():
                user = db.session.execute(db.select(User).filter_by(username=form.username.data)).scalar()
                if user and check_password_hash(user.password_hash, form.password.data):
                    login_user(user)
                    return redirect(url_for("note_list"))
                form.username.errors.append("Invalid username or password.")
            return render_template("login.html", form=form)


        @app.post("/logout")
        def logout():
            logout_user()
            return redirect(url_for("note_list"))


        @app.cli.command("create-user")
        @click.argument("username")
        @click.password_option()
        def create_user(username, password):
            db.session.add(User(username=username, password_hash=generate_password_hash(password)))
            db.session.commit()
    """)
    files["app.py"] = app
    files["templates/note_list.html"] = files["templates/note_list.html"].replace(
        "<h1>Notes</h1>\n",
        dedent("""
            <h1>Notes</h1>
            {% if current_user.is_authenticated %}
              <form method="post" action="{{ url_for('logout') }}"><input type="hidden" name="csrf_token" value="{{ csrf_token() }}"><button>Log out</button></form>
            {% else %}
              <a href="{{ url_for('login') }}">Log in</a>
            {% endif %}
        """),
    )
    files["templates/login.html"] = dedent("""
        <!doctype html>
        <title>Log in</title>
        <form method="post">
          {{ form.hidden_tag() }}
          <p>{{ form.username.label }} {{ form.username() }} {{ form.username.errors|join(" ") }}</p>
          <p>{{ form.password.label }} {{ form.password() }}</p>
          <button>Log in</button>
        </form>
    """)
    return files


def flask_check(variant: str) -> str:
    common = "import app as m\nm.app.config.update(TESTING=True, WTF_CSRF_ENABLED=False)\nc = m.app.test_client()\n"
    if variant == "hello":
        return common + textwrap.dedent("""
            assert b"Hello, world!" in c.get("/").data
            assert c.get("/api/hello").get_json() == {"message": "hello"}
        """)
    body = textwrap.dedent("""
        assert c.post("/new", data={"title": "", "body": "x"}).status_code == 200  # invalid: form again
        assert c.post("/new", data={"title": "first", "body": "b"}).status_code == 302
        assert c.post("/1/edit", data={"title": "renamed", "body": "b"}).status_code == 302
        assert b"renamed" in c.get("/").data
        assert c.get("/api/notes").get_json()["notes"][0]["title"] == "renamed"
        assert c.post("/1/delete").status_code == 302
        assert c.get("/api/notes").get_json() == {"notes": []}
    """)
    if variant == "crud":
        return common + body
    return (
        common
        + textwrap.dedent("""
        r = m.app.test_cli_runner().invoke(args=["create-user", "alice", "--password", "pw"])
        assert r.exit_code == 0, r.output
        assert c.get("/new").status_code == 302                       # login required
        assert c.get("/admin/note/").status_code == 403               # admin closed to anonymous
        assert c.post("/login", data={"username": "alice", "password": "bad"}).status_code == 200
        assert c.post("/login", data={"username": "alice", "password": "pw"}).status_code == 302
        assert c.get("/admin/note/").status_code == 200
        import flask
        assert m.app.wsgi_app.__func__ is flask.Flask.wsgi_app   # no extension wrapped it as middleware
    """)
        + body
    )


DJANGO_HELLO = {
    "pages/views.py": """
        from django.http import JsonResponse
        from django.shortcuts import render


        def index(request):
            return render(request, "pages/index.html", {"name": "world"})


        def api_hello(request):
            return JsonResponse({"message": "hello"})
    """,
    "pages/urls.py": """
        from django.urls import path

        from . import views

        urlpatterns = [
            path("", views.index, name="index"),
            path("api/hello/", views.api_hello, name="api_hello"),
        ]
    """,
    "pages/templates/pages/index.html": FLASK_HELLO["templates/index.html"],
}

DJANGO_CRUD = {
    "pages/models.py": """
        from django.db import models


        class Note(models.Model):
            title = models.CharField(max_length=200)
            body = models.TextField(blank=True)

            def __str__(self):
                return self.title
    """,
    "pages/views.py": """
        from django.http import JsonResponse
        from django.urls import reverse_lazy
        from django.views import generic

        from .models import Note


        class NoteList(generic.ListView):
            model = Note


        class NoteCreate(generic.CreateView):
            model = Note
            fields = ["title", "body"]
            success_url = reverse_lazy("note_list")


        class NoteUpdate(generic.UpdateView):
            model = Note
            fields = ["title", "body"]
            success_url = reverse_lazy("note_list")


        class NoteDelete(generic.DeleteView):
            model = Note
            success_url = reverse_lazy("note_list")


        def api_notes(request):
            return JsonResponse({"notes": list(Note.objects.values("id", "title", "body"))})
    """,
    "pages/urls.py": """
        from django.urls import path

        from . import views

        urlpatterns = [
            path("", views.NoteList.as_view(), name="note_list"),
            path("new/", views.NoteCreate.as_view(), name="note_create"),
            path("<int:pk>/edit/", views.NoteUpdate.as_view(), name="note_update"),
            path("<int:pk>/delete/", views.NoteDelete.as_view(), name="note_delete"),
            path("api/notes/", views.api_notes, name="api_notes"),
        ]
    """,
    "pages/templates/pages/note_list.html": """
        <!doctype html>
        <title>Notes</title>
        <h1>Notes</h1>
        <a href="{% url 'note_create' %}">New note</a>
        <ul>
        {% for note in note_list %}
          <li>{{ note.title }} <a href="{% url 'note_update' note.pk %}">edit</a>
            <a href="{% url 'note_delete' note.pk %}">delete</a></li>
        {% endfor %}
        </ul>
    """,
    "pages/templates/pages/note_form.html": """
        <!doctype html>
        <title>Note</title>
        <form method="post">
          {% csrf_token %}
          {{ form.as_p }}
          <button>Save</button>
        </form>
    """,
    "pages/templates/pages/note_confirm_delete.html": """
        <!doctype html>
        <title>Delete</title>
        <form method="post">
          {% csrf_token %}
          <p>Delete {{ object.title }}?</p>
          <button>Delete</button>
        </form>
    """,
}


def django_full() -> dict[str, str]:
    """``crud`` plus the admin (register the model) and login-protected editing (contrib.auth)."""
    files = {k: dedent(v) for k, v in DJANGO_CRUD.items()}
    files["pages/admin.py"] = """
        from django.contrib import admin

        from .models import Note

        admin.site.register(Note)
    """
    views = files["pages/views.py"].replace(
        "from django.http import JsonResponse\n",
        "from django.contrib.auth.mixins import LoginRequiredMixin\nfrom django.http import JsonResponse\n",
    )
    for name in ("NoteCreate", "NoteUpdate", "NoteDelete"):
        views = views.replace(
            f"class {name}(generic.", f"class {name}(LoginRequiredMixin, generic."
        )
    files["pages/views.py"] = views
    files["pages/templates/pages/note_list.html"] = files[
        "pages/templates/pages/note_list.html"
    ].replace(
        "<h1>Notes</h1>\n",
        dedent("""
            <h1>Notes</h1>
            {% if user.is_authenticated %}
              <form method="post" action="{% url 'logout' %}">{% csrf_token %}<button>Log out</button></form>
            {% else %}
              <a href="{% url 'login' %}">Log in</a>
            {% endif %}
        """),
    )
    files["pages/templates/registration/login.html"] = """
        <!doctype html>
        <title>Log in</title>
        <form method="post">
          {% csrf_token %}
          {{ form.as_p }}
          <button>Log in</button>
        </form>
    """
    return files


def django_project_edits(proj: Path, variant: str) -> None:
    """The edits the tutorial makes to the generated project: register the app, include its URLs."""
    settings = proj / "mysite" / "settings.py"
    text = settings.read_text().replace(
        "INSTALLED_APPS = [\n", "INSTALLED_APPS = [\n    'pages',\n"
    )
    if variant == "crud+admin+auth":
        text += '\nLOGIN_REDIRECT_URL = "note_list"\nLOGOUT_REDIRECT_URL = "note_list"\n'
    settings.write_text(text)
    urls = proj / "mysite" / "urls.py"
    text = urls.read_text().replace(
        "from django.urls import path", "from django.urls import include, path"
    )
    extra = (
        '    path("accounts/", include("django.contrib.auth.urls")),\n'
        if variant == "crud+admin+auth"
        else ""
    )
    text = text.replace(
        "    path('admin/', admin.site.urls),\n",
        "    path('admin/', admin.site.urls),\n" + extra + '    path("", include("pages.urls")),\n',
    )
    urls.write_text(text)


def django_check(variant: str) -> str:
    head = textwrap.dedent("""
        import django
        django.setup()
        from django.core.management import call_command
        from django.test import Client
        from django.test.utils import setup_test_environment
        setup_test_environment()
        call_command("check")
        c = Client()
    """)
    if variant == "hello":
        return head + textwrap.dedent("""
            assert b"Hello, world!" in c.get("/").content
            assert c.get("/api/hello/").json() == {"message": "hello"}
        """)
    body = textwrap.dedent("""
        assert c.post("/new/", {"title": "", "body": "x"}).status_code == 200  # invalid: form again
        assert c.post("/new/", {"title": "first", "body": "b"}).status_code == 302
        assert c.post("/1/edit/", {"title": "renamed", "body": "b"}).status_code == 302
        assert b"renamed" in c.get("/").content
        assert c.get("/api/notes/").json()["notes"][0]["title"] == "renamed"
        assert c.post("/1/delete/").status_code == 302
        assert c.get("/api/notes/").json() == {"notes": []}
    """)
    head += 'call_command("migrate", verbosity=0)\n'
    if variant == "crud":
        return head + body
    return (
        head
        + textwrap.dedent("""
        from django.contrib.auth.models import User
        User.objects.create_superuser("alice", password="pw")   # = manage.py createsuperuser
        assert c.get("/new/").status_code == 302                 # login required
        assert c.get("/admin/pages/note/").status_code == 302    # admin closed to anonymous
        assert c.post("/accounts/login/", {"username": "alice", "password": "bad"}).status_code == 200
        assert c.post("/accounts/login/", {"username": "alice", "password": "pw"}).status_code == 302
        assert c.get("/admin/pages/note/").status_code == 200
    """)
        + body
    )


def build_flask(root: Path, variant: str, files: dict[str, str]) -> dict:
    root.mkdir(parents=True)
    write_files(root, files)
    counted = tree_code_lines(root)
    env = dict(os.environ, FLASK_APP="app")
    (root / "check_app.py").write_text(flask_check(variant))
    runner.run_checked([sys.executable, "check_app.py"], cwd=root, env=env)
    return {
        "files": len(counted),
        "written": sum(len(v) for v in counted.values()),
        "generated": 0,
        "total": sum(len(v) for v in counted.values()),
    }


def build_django(root: Path, variant: str, files: dict[str, str]) -> dict:
    root.mkdir(parents=True)
    proj = django_skeleton(root, "mysite", "pages")
    skeleton = tree_code_lines(proj)
    write_files(proj, files)
    django_project_edits(proj, variant)
    if variant != "hello":
        runner.run_checked([sys.executable, "manage.py", "makemigrations", "pages"], cwd=proj)
    final = tree_code_lines(proj)
    written = generated = 0
    touched = 0
    for rel, lines in final.items():
        if rel.startswith("pages/migrations/") and rel != "pages/migrations/__init__.py":
            generated += len(lines)
            continue
        new = core.added_or_changed(skeleton.get(rel, []), lines)
        written += new
        touched += new > 0
        generated += len(lines) - new
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="mysite.settings", PYTHONPATH=str(proj))
    (proj / "check_app.py").write_text(django_check(variant))
    runner.run_checked([sys.executable, "check_app.py"], cwd=proj, env=env)
    all_files = [p for p in core.project_files(proj, COUNTED) if p.name != "check_app.py"]
    return {
        "files": len(all_files),
        "files_touched": touched,
        "written": written,
        "generated": generated,
        "total": written + generated,
    }


def same_app_twice(tmp: Path) -> dict:
    section("5. the same app in both frameworks (code lines: not blank, not comment/docstring)")
    variants = {
        "hello": (FLASK_HELLO, DJANGO_HELLO),
        "crud": (FLASK_CRUD, DJANGO_CRUD),
        "crud+admin+auth": (flask_full(), django_full()),
    }
    results = {}
    for name, (ff, dd) in variants.items():
        fl = build_flask(tmp / "flask" / name.replace("+", "_"), name, ff)
        dj = build_django(tmp / "django" / name.replace("+", "_"), name, dd)
        results[name] = {
            "flask": fl,
            "django": dj,
            "ratio_written": round(dj["written"] / fl["written"], 2),
            "ratio_total": round(dj["total"] / fl["total"], 2),
        }
        print(
            f"{name:16s} Flask: {fl['written']:3d} lines in {fl['files']} files | Django: "
            f"{dj['written']:3d} lines written by hand in {dj['files_touched']} files "
            f"(+{dj['generated']} generated; {dj['total']} in {dj['files']} files) | "
            f"Django/Flask hand-written {results[name]['ratio_written']:.2f}, "
            f"incl. generated {results[name]['ratio_total']:.2f}"
        )
    print(
        "all six apps passed their functional checks (test client: pages, JSON, form validation,"
        " create/edit/delete; login and admin for crud+admin+auth; in the Flask one no extension"
        " wrapped app.wsgi_app as middleware)"
    )
    return results


def main() -> None:
    import argparse

    parser = argparse.ArgumentParser(
        prog="python -m tools.evidence.article_claims", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--json", type=Path, help="also write all figures to this JSON file")
    args = parser.parse_args()
    figures = {"versions": versions()}
    with tempfile.TemporaryDirectory(prefix="fw-measure-") as tmp_name:
        tmp = Path(tmp_name)
        figures["threading"] = threading_defaults(tmp)
        figures["flask_core"] = flask_core()
        figures["django"] = django_facts(tmp)
        figures["loc"] = same_app_twice(tmp)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2, default=str))
        print(f"\nwrote {args.json}")


if __name__ == "__main__":
    main()
