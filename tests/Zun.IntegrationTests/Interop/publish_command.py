"""Publishes one plain-JSON command to Zun as any OpenStack service would, with pika (no MassTransit).

usage: publish_command.py AMQP_URL ROUTING_KEY JSON_BODY
"""
import sys

import pika

url, routing_key, body = sys.argv[1], sys.argv[2], sys.argv[3]
parameters = pika.URLParameters(url)
connection = pika.BlockingConnection(parameters)
channel = connection.channel()
channel.confirm_delivery()
channel.exchange_declare(exchange="zun.commands", exchange_type="topic", durable=True)
channel.basic_publish(
    exchange="zun.commands",
    routing_key=routing_key,
    body=body.encode("utf-8"),
    # As the README's example: RabbitMQ vouches for user_id, by which Zun knows the publisher.
    properties=pika.BasicProperties(content_type="application/json", delivery_mode=2, user_id=parameters.credentials.username),
)
connection.close()
print("published", flush=True)
