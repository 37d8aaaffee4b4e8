import os
import sqlite3
from contextlib import closing

from flask import Flask, request

app = Flask(__name__)
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
        return [dict(row) for row in db.execute("SELECT id, name FROM items ORDER BY id")]


@app.post("/items")
def create_item():
    name = request.get_json()["name"]
    with connect() as db:
        cursor = db.execute("INSERT INTO items (name) VALUES (?)", (name,))
    return {"id": cursor.lastrowid, "name": name}, 201
