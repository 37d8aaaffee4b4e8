import os
import sqlite3
from contextlib import closing
from wsgiref.simple_server import make_server

import falcon

DATABASE = os.environ.get("ITEMS_DB", "items.db")


def connect():
    db = sqlite3.connect(DATABASE, isolation_level=None)
    db.row_factory = sqlite3.Row
    return closing(db)


with connect() as db:
    db.execute("CREATE TABLE IF NOT EXISTS items (id INTEGER PRIMARY KEY, name TEXT NOT NULL)")


class ItemsResource:
    def on_get(self, req, resp):
        with connect() as db:
            resp.media = [dict(row) for row in db.execute("SELECT id, name FROM items ORDER BY id")]

    def on_post(self, req, resp):
        name = req.get_media()["name"]
        with connect() as db:
            cursor = db.execute("INSERT INTO items (name) VALUES (?)", (name,))
        resp.media = {"id": cursor.lastrowid, "name": name}
        resp.status = falcon.HTTP_201


app = falcon.App()
app.add_route("/items", ItemsResource())

if __name__ == "__main__":
    with make_server("127.0.0.1", 8000, app) as httpd:
        httpd.serve_forever()
