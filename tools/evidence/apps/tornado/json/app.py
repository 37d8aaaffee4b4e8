import asyncio

import tornado.escape
import tornado.web

items = []


class ItemsHandler(tornado.web.RequestHandler):
    def get(self):
        self.write({"items": items})

    def post(self):
        item = {"id": len(items) + 1, "name": tornado.escape.json_decode(self.request.body)["name"]}
        items.append(item)
        self.set_status(201)
        self.write(item)


def make_app():
    return tornado.web.Application([(r"/items", ItemsHandler)])


async def main():
    make_app().listen(8888, address="127.0.0.1")
    await asyncio.Event().wait()


if __name__ == "__main__":
    asyncio.run(main())
