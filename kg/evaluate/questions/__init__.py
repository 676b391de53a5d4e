"""Researcher questions as a measurement: SPARQL questions with expected answers, scored on a build.

    questions = load_questions("tests/data/questions/seeds.json")
    graph, problems = build_graph("seeds")          # or open_graph("out/graph.nq")
    report = score_questions(graph, questions)      # report.score, report.passed, report.results

The file format is in `spec`, the answer matching rules in `match`, the modes and the
score in `run`; they follow the team's reference scorer (shared/eval/run_eval.py).
"""
from __future__ import annotations

from .match import Matcher, fold
from .run import PASS, QuestionGraph, QuestionReport, QuestionResult, build_graph, open_graph, score_question, score_questions
from .spec import Question, QuestionsError, load_questions, parse_questions

__all__ = ["PASS", "Matcher", "Question", "QuestionGraph", "QuestionReport", "QuestionResult", "QuestionsError",
           "build_graph", "fold", "load_questions", "open_graph", "parse_questions", "score_question", "score_questions"]
