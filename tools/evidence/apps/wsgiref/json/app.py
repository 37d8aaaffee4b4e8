import json
from wsgiref.simple_server import make_server

items = []


def app(environ, start_response):
    method, path = environ["REQUEST_METHOD"], environ["PATH_INFO"]
    if path != "/items":
        status, body = "404 Not Found", {"error": "not found"}
    elif method == "GET":
        status, body = "200 OK", items
    elif method == "POST":
        size = int(environ.get("CONTENT_LENGTH") or 0)
        item = {"id": len(items) + 1, "name": json.loads(environ["wsgi.input"].read(size))["name"]}
        items.append(item)
        status, body = "201 Created", item
    else:
        status, body = "405 Method Not Allowed", {"error": "method not allowed"}
    start_response(status, [("Content-Type", "application/json")])
    return [json.dumps(body).encode()]


if __name__ == "__main__":
    with make_server("127.0.0.1", 8000, app) as httpd:
        httpd.serve_forever()
