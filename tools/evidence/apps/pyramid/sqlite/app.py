import os
import sqlite3
from contextlib import closing
from wsgiref.simple_server import make_server

from pyramid.config import Configurator

DATABASE = os.environ.get("ITEMS_DB", "items.db")


def connect():
    db = sqlite3.connect(DATABASE, isolation_level=None)
    db.row_factory = sqlite3.Row
    return closing(db)


with connect() as db:
    db.execute("CREATE TABLE IF NOT EXISTS items (id INTEGER PRIMARY KEY, name TEXT NOT NULL)")


def list_items(request):
    with connect() as db:
        return [dict(row) for row in db.execute("SELECT id, name FROM items ORDER BY id")]


def create_item(request):
    name = request.json_body["name"]
    with connect() as db:
        cursor = db.execute("INSERT INTO items (name) VALUES (?)", (name,))
    request.response.status = 201
    return {"id": cursor.lastrowid, "name": name}


with Configurator() as config:
    config.add_route("items", "/items")
    config.add_view(list_items, route_name="items", request_method="GET", renderer="json")
    config.add_view(create_item, route_name="items", request_method="POST", renderer="json")
    app = config.make_wsgi_app()

if __name__ == "__main__":
    with make_server("127.0.0.1", 6543, app) as httpd:
        httpd.serve_forever()
