import asyncio
import os
import sqlite3
from contextlib import closing

import tornado.escape
import tornado.web

DATABASE = os.environ.get("ITEMS_DB", "items.db")


def connect():
    db = sqlite3.connect(DATABASE, isolation_level=None)
    db.row_factory = sqlite3.Row
    return closing(db)


with connect() as db:
    db.execute("CREATE TABLE IF NOT EXISTS items (id INTEGER PRIMARY KEY, name TEXT NOT NULL)")


class ItemsHandler(tornado.web.RequestHandler):
    def get(self):
        with connect() as db:
            rows = db.execute("SELECT id, name FROM items ORDER BY id")
            self.write({"items": [dict(row) for row in rows]})

    def post(self):
        name = tornado.escape.json_decode(self.request.body)["name"]
        with connect() as db:
            cursor = db.execute("INSERT INTO items (name) VALUES (?)", (name,))
        self.set_status(201)
        self.write({"id": cursor.lastrowid, "name": name})


def make_app():
    return tornado.web.Application([(r"/items", ItemsHandler)])


async def main():
    make_app().listen(8888, address="127.0.0.1")
    await asyncio.Event().wait()


if __name__ == "__main__":
    asyncio.run(main())
