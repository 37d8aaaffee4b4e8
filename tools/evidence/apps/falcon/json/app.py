from wsgiref.simple_server import make_server

import falcon


class ItemsResource:
    def __init__(self):
        self.items = []

    def on_get(self, req, resp):
        resp.media = self.items

    def on_post(self, req, resp):
        item = {"id": len(self.items) + 1, "name": req.get_media()["name"]}
        self.items.append(item)
        resp.media = item
        resp.status = falcon.HTTP_201


app = falcon.App()
app.add_route("/items", ItemsResource())

if __name__ == "__main__":
    with make_server("127.0.0.1", 8000, app) as httpd:
        httpd.serve_forever()
