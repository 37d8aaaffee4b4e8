from wsgiref.simple_server import make_server

from pyramid.config import Configurator

items = []


def list_items(request):
    return items


def create_item(request):
    item = {"id": len(items) + 1, "name": request.json_body["name"]}
    items.append(item)
    request.response.status = 201
    return item


with Configurator() as config:
    config.add_route("items", "/items")
    config.add_view(list_items, route_name="items", request_method="GET", renderer="json")
    config.add_view(create_item, route_name="items", request_method="POST", renderer="json")
    app = config.make_wsgi_app()

if __name__ == "__main__":
    with make_server("127.0.0.1", 6543, app) as httpd:
        httpd.serve_forever()
