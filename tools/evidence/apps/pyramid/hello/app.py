from wsgiref.simple_server import make_server

from pyramid.config import Configurator
from pyramid.response import Response


def hello(request):
    return Response("Hello, World!")


with Configurator() as config:
    config.add_route("hello", "/")
    config.add_view(hello, route_name="hello")
    app = config.make_wsgi_app()

if __name__ == "__main__":
    with make_server("127.0.0.1", 6543, app) as httpd:
        httpd.serve_forever()
