"""Publishes one plain-JSON command to Zun as any OpenStack service would, with pika (no MassTransit).

usage: publish_command.py AMQP_URL ROUTING_KEY JSON_BODY
"""
import sys

import pika

url, routing_key, body = sys.argv[1], sys.argv[2], sys.argv[3]
connection = pika.BlockingConnection(pika.URLParameters(url))
channel = connection.channel()
channel.confirm_delivery()
channel.exchange_declare(exchange="zun.commands", exchange_type="topic", durable=True)
channel.basic_publish(
    exchange="zun.commands",
    routing_key=routing_key,
    body=body.encode("utf-8"),
    properties=pika.BasicProperties(content_type="application/json", delivery_mode=2),
)
connection.close()
print("published", flush=True)
