import os
import sqlite3
from contextlib import closing

from bottle import Bottle, request, response, run

app = Bottle()
DATABASE = os.environ.get("ITEMS_DB", "items.db")


def connect():
    db = sqlite3.connect(DATABASE, isolation_level=None)
    db.row_factory = sqlite3.Row
    return closing(db)


with connect() as db:
    db.execute("CREATE TABLE IF NOT EXISTS items (id INTEGER PRIMARY KEY, name TEXT NOT NULL)")


@app.get("/items")
def list_items():
    with connect() as db:
        rows = db.execute("SELECT id, name FROM items ORDER BY id")
        return {"items": [dict(row) for row in rows]}


@app.post("/items")
def create_item():
    name = request.json["name"]
    with connect() as db:
        cursor = db.execute("INSERT INTO items (name) VALUES (?)", (name,))
    response.status = 201
    return {"id": cursor.lastrowid, "name": name}


if __name__ == "__main__":
    run(app, host="127.0.0.1", port=8080)
