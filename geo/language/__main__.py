"""`python -m geo.language update`: extract the marked messages and merge them into each language's catalogue."""

import argparse

from geo.language.upkeep import catalogue_file, update


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m geo.language", description=__doc__)
    parser.add_argument("command", choices=["update"])
    parser.parse_args()
    for language, missing in update().items():
        print(f"{catalogue_file(language)}: {missing} message(s) to translate")


if __name__ == "__main__":
    main()
