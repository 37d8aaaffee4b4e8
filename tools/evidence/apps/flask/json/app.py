from flask import Flask, request

app = Flask(__name__)
items = []


@app.get("/items")
def list_items():
    return items


@app.post("/items")
def create_item():
    item = {"id": len(items) + 1, "name": request.get_json()["name"]}
    items.append(item)
    return item, 201
