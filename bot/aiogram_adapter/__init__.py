"""The aiogram adapter: the same bot as bot.handlers (python-telegram-bot), through aiogram 3."""
