from bottle import Bottle, request, response, run

app = Bottle()
items = []


@app.get("/items")
def list_items():
    return {"items": items}


@app.post("/items")
def create_item():
    item = {"id": len(items) + 1, "name": request.json["name"]}
    items.append(item)
    response.status = 201
    return item


if __name__ == "__main__":
    run(app, host="127.0.0.1", port=8080)
