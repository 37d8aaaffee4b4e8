from fastapi import FastAPI
from pydantic import BaseModel

app = FastAPI()


class ItemIn(BaseModel):
    name: str


class Item(ItemIn):
    id: int


items: list[Item] = []


@app.get("/items")
def list_items() -> list[Item]:
    return items


@app.post("/items", status_code=201)
def create_item(data: ItemIn) -> Item:
    item = Item(id=len(items) + 1, name=data.name)
    items.append(item)
    return item
