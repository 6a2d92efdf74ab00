"""Print the topic danvan would pre-fill for a text: the classifier's, else the keyword rules'."""

import json

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from danvan.petitions.selectors import TopicSuggestion, suggest_topic_for
from danvan.textproc import classifier


def _suggest(text: str) -> tuple[str | None, float, str]:
    try:
        found: TopicSuggestion = suggest_topic_for(text=text)
    except DatabaseError:
        # No database yet (a fresh checkout): the classifier alone, on the shipped topic codes.
        alone = classifier.suggest(text)
        return alone.topic, alone.score, "model" if alone.topic else "none"
    return (found.topic.code if found.topic else None), found.score, found.source


class Command(BaseCommand):
    help = 'The suggested topic of a text: {"topic": code or null, "score": probability, "source": …}.'

    def add_arguments(self, parser):
        parser.add_argument("--text", required=True)
        parser.add_argument("--format", choices=["json", "text"], default="text")

    def handle(self, *args, text: str, format: str, **options):
        if len(text) > 20_000:
            raise CommandError("Nội dung dài quá 20.000 ký tự.")
        topic, score, source = _suggest(text)
        if format == "json":
            self.stdout.write(
                json.dumps({"topic": topic, "score": score, "source": source}, ensure_ascii=False)
            )
        elif topic:
            self.stdout.write(f"{topic} — {score} [{source}]")
        else:
            self.stdout.write("Không gợi ý được lĩnh vực.")
