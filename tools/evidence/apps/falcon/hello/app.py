from wsgiref.simple_server import make_server

import falcon


class HelloResource:
    def on_get(self, req, resp):
        resp.content_type = falcon.MEDIA_TEXT
        resp.text = "Hello, World!"


app = falcon.App()
app.add_route("/", HelloResource())

if __name__ == "__main__":
    with make_server("127.0.0.1", 8000, app) as httpd:
        httpd.serve_forever()
