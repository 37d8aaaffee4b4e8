import json
import os
import sqlite3
from contextlib import closing
from wsgiref.simple_server import make_server

DATABASE = os.environ.get("ITEMS_DB", "items.db")


def connect():
    db = sqlite3.connect(DATABASE, isolation_level=None)
    db.row_factory = sqlite3.Row
    return closing(db)


with connect() as db:
    db.execute("CREATE TABLE IF NOT EXISTS items (id INTEGER PRIMARY KEY, name TEXT NOT NULL)")


def app(environ, start_response):
    method, path = environ["REQUEST_METHOD"], environ["PATH_INFO"]
    if path != "/items":
        status, body = "404 Not Found", {"error": "not found"}
    elif method == "GET":
        with connect() as db:
            body = [dict(row) for row in db.execute("SELECT id, name FROM items ORDER BY id")]
        status = "200 OK"
    elif method == "POST":
        size = int(environ.get("CONTENT_LENGTH") or 0)
        name = json.loads(environ["wsgi.input"].read(size))["name"]
        with connect() as db:
            cursor = db.execute("INSERT INTO items (name) VALUES (?)", (name,))
        status, body = "201 Created", {"id": cursor.lastrowid, "name": name}
    else:
        status, body = "405 Method Not Allowed", {"error": "method not allowed"}
    start_response(status, [("Content-Type", "application/json")])
    return [json.dumps(body).encode()]


if __name__ == "__main__":
    with make_server("127.0.0.1", 8000, app) as httpd:
        httpd.serve_forever()
