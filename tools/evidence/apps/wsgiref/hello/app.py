from wsgiref.simple_server import make_server


def app(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain; charset=utf-8")])
    return [b"Hello, World!"]


if __name__ == "__main__":
    with make_server("127.0.0.1", 8000, app) as httpd:
        httpd.serve_forever()
