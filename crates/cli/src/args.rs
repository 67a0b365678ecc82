//! A command's options, checked against what the command takes.
//!
//! An option the command does not know, an option without its value, or a
//! number that does not parse is an error naming it, never a silent
//! default: `marginalia train --help` used to start a full training that
//! rewrote the shipped models, and `--epochs 1O` trained with the default.

use std::str::FromStr;

/// The options one command takes.
pub struct Spec {
    /// How the command is named in messages (`train`, `share push`).
    pub command: &'static str,
    /// Options followed by a value (`--out FILE`).
    pub values: &'static [&'static str],
    /// Options that stand alone (`--progress`).
    pub switches: &'static [&'static str],
}

/// A command line read against its [`Spec`].
#[derive(Debug, Default)]
pub struct Args {
    values: Vec<(&'static str, String)>,
    switches: Vec<&'static str>,
    /// Everything that is not an option, in order (files, a link).
    pub positional: Vec<String>,
}

impl Args {
    /// Reads `args` (the words after the command's name) against `spec`.
    pub fn parse(args: &[String], spec: &Spec) -> Result<Args, String> {
        let mut parsed = Args::default();
        let mut words = args.iter();
        while let Some(word) = words.next() {
            if let Some(&name) = spec.values.iter().find(|&&n| n == word) {
                match words.next() {
                    Some(value) if !value.starts_with("--") => parsed.values.push((name, value.clone())),
                    _ => return Err(format!("{name} needs a value (marginalia {}; see marginalia --help)", spec.command)),
                }
            } else if let Some(&name) = spec.switches.iter().find(|&&n| n == word) {
                parsed.switches.push(name);
            } else if word.starts_with("--") {
                return Err(format!("marginalia {} has no option {word} (see marginalia --help)", spec.command));
            } else {
                parsed.positional.push(word.clone());
            }
        }
        Ok(parsed)
    }

    /// The value given for `name` (the last one, if it was given twice).
    pub fn value(&self, name: &str) -> Option<&str> {
        self.values.iter().rev().find(|(n, _)| *n == name).map(|(_, v)| v.as_str())
    }

    /// Whether the switch `name` was given.
    pub fn has(&self, name: &str) -> bool {
        self.switches.contains(&name)
    }

    /// The number given for `name`, `default` when it was not given, and an
    /// error naming the option when its value is not such a number.
    pub fn number<T: FromStr>(&self, name: &str, default: T) -> Result<T, String> {
        match self.value(name) {
            None => Ok(default),
            Some(text) => text.parse().map_err(|_| format!("{name} takes a number, not {text:?}")),
        }
    }
}

/// Whether the user asked for help anywhere on the line.
pub fn wants_help(args: &[String]) -> bool {
    args.iter().any(|a| a == "--help" || a == "-h")
}

#[cfg(test)]
mod tests {
    use super::*;

    const SPEC: Spec = Spec { command: "demo", values: &["--out", "--epochs"], switches: &["--quick"] };

    fn words(line: &str) -> Vec<String> {
        line.split_whitespace().map(String::from).collect()
    }

    #[test]
    fn options_values_and_files_are_told_apart() {
        let args = Args::parse(&words("a.txt --out x.model --quick b.txt --epochs 3"), &SPEC).expect("parses");
        assert_eq!(args.value("--out"), Some("x.model"));
        assert!(args.has("--quick"));
        assert_eq!(args.number("--epochs", 12u32), Ok(3));
        assert_eq!(args.number("--missing", 12u32), Ok(12));
        assert_eq!(args.positional, ["a.txt", "b.txt"]);
    }

    #[test]
    fn unknown_options_missing_values_and_bad_numbers_are_errors() {
        let err = Args::parse(&words("--help"), &SPEC).expect_err("unknown");
        assert!(err.contains("has no option --help"), "{err}");
        let err = Args::parse(&words("--out"), &SPEC).expect_err("no value");
        assert!(err.contains("--out needs a value"), "{err}");
        let err = Args::parse(&words("--out --quick"), &SPEC).expect_err("an option is no value");
        assert!(err.contains("--out needs a value"), "{err}");
        let args = Args::parse(&words("--epochs 1O"), &SPEC).expect("parses");
        assert_eq!(args.number("--epochs", 12u32), Err("--epochs takes a number, not \"1O\"".to_string()));
    }

    #[test]
    fn help_is_found_anywhere() {
        assert!(wants_help(&words("train --seed 3 --help")));
        assert!(wants_help(&words("-h")));
        assert!(!wants_help(&words("train --seed 3")));
    }
}
