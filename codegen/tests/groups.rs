//! `require_one_of`: the generator refuses a group that names what the command does not
//! take, a required argument, a repeat or a single name, each at its line and column; a
//! good group reaches the checked spec, also through `same_as`.

use domaincontext_codegen::load_sources;

const TYPES: &str = "types:\n  id:\n    doc: ID.\n    rule: {int: {min: 1}}\n";

fn problems(commands: &str) -> String {
    let sources = vec![
        ("types.yaml".to_owned(), TYPES.to_owned()),
        ("commands/1.yaml".to_owned(), commands.to_owned()),
    ];
    match load_sources(&sources) {
        Ok(_) => String::new(),
        Err(r) => r.to_string(),
    }
}

#[test]
fn bad_groups_are_reported_where_they_are_written() {
    let head = "commands:\n  getIt:\n    description: Get it\n    effect: read\n";
    let args = "    args:\n      id: id\n      other: id\n      must: {type: id, required: true}\n";
    let cases = [
        (
            "    require_one_of: [id, nope]\n",
            "commands/1.yaml:5:26: error: `require_one_of` names `nope`, which is not an argument of `getIt`\n  hint: arguments of `getIt`: id, other, must",
        ),
        (
            "    require_one_of: [id, othr]\n",
            "commands/1.yaml:5:26: error: `require_one_of` names `othr`, which is not an argument of `getIt`\n  hint: did you mean `other`?",
        ),
        (
            "    require_one_of: [id, must]\n",
            "commands/1.yaml:5:26: error: `must` is required, so a group that holds it always holds\n  hint: make the argument optional, or drop the group",
        ),
        (
            "    require_one_of: [id, id]\n",
            "commands/1.yaml:5:26: error: `id` appears twice in `require_one_of`",
        ),
        (
            "    require_one_of: [id]\n",
            "commands/1.yaml:5:21: error: `require_one_of` needs two or more arguments\n  hint: for one argument, mark it `required: true`",
        ),
        (
            "    require_one_of: id\n",
            "commands/1.yaml:5:21: error: `require_one_of` must be a list of argument names, found a scalar\n  hint: write `require_one_of: [domain, id]`",
        ),
    ];
    let mut checked = 0;
    for (group, expected) in cases {
        let report = problems(&format!("{head}{group}{args}"));
        assert!(
            report.starts_with(expected),
            "{group}\n--- got:\n{report}\n--- expected:\n{expected}"
        );
        checked += 1;
    }
    let bulk = "commands:\n  getIt:\n    description: Get it\n    effect: read\n    args:\n      id: id\n      other: id\n  getThem:\n    description: Get them\n    effect: read\n    require_one_of: [id, other]\n    array_of: getIt\n";
    let report = problems(bulk);
    assert!(
        report.starts_with("commands/1.yaml:11:21: error: `require_one_of` is only for commands with their own `args`"),
        "{report}"
    );
    checked += 1;
    assert_eq!(checked, 7);
}

#[test]
fn a_group_is_carried_by_same_as_and_into_the_registry() {
    let commands = "commands:\n  getIt:\n    description: Get it\n    effect: read\n    require_one_of: [id, other]\n    args:\n      id: id\n      other: id\n  getAgain:\n    description: Get it again\n    effect: read\n    same_as: getIt\n  getThem:\n    description: Get them\n    effect: read\n    array_of: getIt\n";
    let sources = vec![
        ("types.yaml".to_owned(), TYPES.to_owned()),
        ("commands/1.yaml".to_owned(), commands.to_owned()),
    ];
    let spec = load_sources(&sources).unwrap_or_else(|r| panic!("{r}"));
    let groups: Vec<_> = spec.commands.iter().map(|c| c.groups.clone()).collect();
    let one = vec![vec!["id".to_owned(), "other".to_owned()]];
    assert_eq!(groups, vec![one.clone(), one, vec![]]);
    let out = domaincontext_codegen::emit(&spec).expect("emit").render();
    assert!(
        out.contains("groups: &[&[\"id\", \"other\"]]"),
        "the registry lists the group"
    );
    assert!(
        out.contains("crate::Problem::MissingOneOf"),
        "the check is emitted"
    );
}
