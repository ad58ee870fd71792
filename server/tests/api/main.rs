//! Integration tests: each test starts the real application on port 0 with a fresh
//! database. The same suite runs on SQLite (always) and on PostgreSQL when
//! `TEST_ENGINE=postgres` and `TEST_POSTGRES_URL` are set (see `scripts/test.sh`).
#![recursion_limit = "256"]
mod helpers;
mod processes;

mod api_v1;
mod authorization;
mod budget_tools;
mod catalogue;
mod dashboard;
mod demo;
mod early_help;
mod faults;
mod hardening;
mod health;
mod ics;
mod joint_sessions;
mod language;
mod lesson_publishing;
mod lessons;
mod notifications;
mod pages;
mod password_reset;
mod progress;
mod quick_budget;
mod quizzes;
mod render_cache;
mod security;
mod sessions;
mod staff;
mod staff_workshops;
mod trainings;
mod two_processes;
mod workshops;
mod writers;
