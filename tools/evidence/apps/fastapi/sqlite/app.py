import os
import sqlite3
from contextlib import closing

from fastapi import FastAPI
from pydantic import BaseModel

app = FastAPI()
DATABASE = os.environ.get("ITEMS_DB", "items.db")


def connect():
    db = sqlite3.connect(DATABASE, isolation_level=None)
    db.row_factory = sqlite3.Row
    return closing(db)


with connect() as db:
    db.execute("CREATE TABLE IF NOT EXISTS items (id INTEGER PRIMARY KEY, name TEXT NOT NULL)")


class ItemIn(BaseModel):
    name: str


class Item(ItemIn):
    id: int


@app.get("/items")
def list_items() -> list[Item]:
    with connect() as db:
        return [Item(**row) for row in db.execute("SELECT id, name FROM items ORDER BY id")]


@app.post("/items", status_code=201)
def create_item(data: ItemIn) -> Item:
    with connect() as db:
        cursor = db.execute("INSERT INTO items (name) VALUES (?)", (data.name,))
    return Item(id=cursor.lastrowid, name=data.name)
