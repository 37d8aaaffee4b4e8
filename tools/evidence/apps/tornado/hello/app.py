import asyncio

import tornado.web


class HelloHandler(tornado.web.RequestHandler):
    def get(self):
        self.write("Hello, World!")


def make_app():
    return tornado.web.Application([(r"/", HelloHandler)])


async def main():
    make_app().listen(8888, address="127.0.0.1")
    await asyncio.Event().wait()


if __name__ == "__main__":
    asyncio.run(main())
