// The editing page's YAML format ("summit-yaml"): a save writes the file an editor would write by
// hand. The file as it was read travels with the form's data (under SOURCE) and a save applies the
// form's values onto it, node by node: the schema line, the comments, the keys' order, each text's
// style (flow pair, folded block) and every record the form did not change stay as they were; a new
// key takes its place in the models' order (the forms' fields, config.yml). The same module runs in
// Node for the tests and `make format`, with the yaml package given by the caller.

export const SOURCE = "__summit_source";

// How the files are written: the form every content file is in (tests/test_format.py), so that a
// save changes only what it edited.
export const OPTIONS = {
  lineWidth: 100,
  minContentWidth: 40,
  indentSeq: true,
  flowCollectionPadding: false,
};

const PAIR_WIDTH = 72; // a {zh, en} pair up to this long stays on one line: {zh: 名称, en: Name}

// The keys' order, from the forms' fields: a tree {keys: [...], children: {key: tree}} for each file
// of the forms (config.yml); a save takes the file's tree that knows all its top-level keys.
export function fieldOrders(config) {
  const add = (tree, fields) => {
    for (const field of fields || []) {
      if (!tree.keys.includes(field.name)) tree.keys.push(field.name);
      const sub = field.fields || (field.field ? [field.field] : null);
      if (sub) {
        tree.children[field.name] = tree.children[field.name] || { keys: [], children: {} };
        add(tree.children[field.name], sub);
      }
    }
    return tree;
  };
  const trees = [];
  for (const collection of config.collections || []) {
    for (const file of collection.files || []) trees.push(add({ keys: [], children: {} }, file.fields));
  }
  return trees;
}

// A new file's first line: its schema, for the editors' own editors (content/<kind>.yml, events a
// folder below).
export function schemaLine(keys) {
  const kind = keys.length === 1 ? keys[0] : "site";
  const folder = kind === "events" ? "../schema" : "schema";
  return `# yaml-language-server: $schema=${folder}/${kind}.schema.json\n`;
}

const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);

// What the form leaves empty is not written: "", null, [] and {} (a pair of empty texts included).
export function prune(value) {
  if (Array.isArray(value)) {
    const items = value.map(prune).filter((v) => v !== undefined);
    return items.length ? items : undefined;
  }
  if (isObject(value)) {
    const out = {};
    for (const [key, item] of Object.entries(value)) {
      const kept = prune(item);
      if (kept !== undefined) out[key] = kept;
    }
    return Object.keys(out).length ? out : undefined;
  }
  if (value === null || value === undefined) return undefined;
  if (typeof value === "string" && value.trim() === "") return undefined;
  return value;
}

export function summitFormat(YAML, config) {
  const trees = fieldOrders(config);
  const none = { keys: [], children: {} };

  const keyOf = (pair) => String(YAML.isScalar(pair.key) ? pair.key.value : pair.key);
  const rank = (tree, key) => {
    const at = tree.keys.indexOf(key);
    return at < 0 ? tree.keys.length : at;
  };

  // A new node, written as an editor would: short {zh, en} pairs and lists of ids on one line,
  // long texts folded, texts of several lines as literal blocks.
  function create(doc, value, tree) {
    if (Array.isArray(value)) {
      const seq = new YAML.YAMLSeq();
      seq.items = value.map((item) => create(doc, item, tree));
      seq.flow = value.every((item) => !isObject(item) && !Array.isArray(item) && !String(item).includes("\n"))
        && JSON.stringify(value).length <= PAIR_WIDTH;
      return seq;
    }
    if (isObject(value)) {
      const map = new YAML.YAMLMap();
      const keys = Object.keys(value).sort((a, b) => rank(tree, a) - rank(tree, b));
      for (const key of keys) {
        map.items.push(new YAML.Pair(doc.createNode(key), create(doc, value[key], tree.children[key] || none)));
      }
      const words = Object.values(value);
      map.flow = keys.length > 0 && keys.every((k) => k === "zh" || k === "en")
        && words.every((w) => typeof w === "string" && !w.includes("\n"))
        && words.join(", ").length <= PAIR_WIDTH;
      return map;
    }
    const node = doc.createNode(value); // a long one-line text is folded afterwards (foldLong)
    if (typeof value === "string" && value.includes("\n")) node.type = YAML.Scalar.BLOCK_LITERAL;
    return node;
  }

  // Records in a list are matched by their id (else by place), so a record keeps its comments.
  function applyList(doc, seq, value, tree) {
    const keyed = value.every((v) => isObject(v) && v.id !== undefined);
    const old = new Map();
    if (keyed) {
      for (const item of seq.items) {
        const id = YAML.isMap(item) ? item.get("id") : undefined;
        if (id !== undefined && !old.has(String(id))) old.set(String(id), item);
      }
    }
    seq.items = value.map((item, at) => {
      const before = keyed ? old.get(String(item.id)) : seq.items[at];
      return before === undefined ? create(doc, item, tree) : apply(doc, before, item, tree);
    });
    if (seq.flow && value.some((item) => isObject(item) || Array.isArray(item))) seq.flow = false; // people: [] takes records
    return seq;
  }

  function applyMap(doc, map, value, tree) {
    const count = map.items.length;
    map.items = map.items.filter((pair) => Object.hasOwn(value, keyOf(pair)));
    let changed = map.items.length !== count;
    for (const [key, item] of Object.entries(value)) {
      const pair = map.items.find((p) => keyOf(p) === key);
      const sub = tree.children[key] || none;
      if (pair) {
        const before = pair.value;
        pair.value = apply(doc, pair.value, item, sub);
        changed = changed || pair.value !== before;
        continue;
      }
      changed = true;
      const made = new YAML.Pair(doc.createNode(key), create(doc, item, sub));
      const at = map.items.findIndex((p) => rank(tree, keyOf(p)) > rank(tree, key));
      if (at < 0) map.items.push(made);
      else map.items.splice(at, 0, made);
    }
    if (map.flow && changed) {
      const words = Object.values(value);
      map.flow = words.every((w) => typeof w === "string" && !w.includes("\n")) && words.join(", ").length <= PAIR_WIDTH;
    }
    return map;
  }

  function apply(doc, node, value, tree) {
    if (Array.isArray(value)) return YAML.isSeq(node) ? applyList(doc, node, value, tree) : create(doc, value, tree);
    if (isObject(value)) return YAML.isMap(node) ? applyMap(doc, node, value, tree) : create(doc, value, tree);
    if (YAML.isScalar(node)) {
      if (node.value === value) return node;
      const made = create(doc, value, tree);
      const line = typeof value === "string" && !value.includes("\n");
      if (line && node.type !== YAML.Scalar.PLAIN && node.type !== YAML.Scalar.BLOCK_LITERAL) made.type = node.type;
      made.commentBefore = node.commentBefore;
      made.comment = node.comment;
      return made;
    }
    return create(doc, value, tree);
  }

  // A text too long for its line is written folded (key: >-), never as a plain text broken over
  // lines; inside a {zh, en} pair on one line the pair is opened into two lines first.
  function foldLong(doc) {
    YAML.visit(doc, {
      Pair(_, pair, path) {
        const node = pair.value;
        if (!YAML.isScalar(node) || typeof node.value !== "string" || node.value.includes("\n")) return;
        if (node.type === YAML.Scalar.BLOCK_FOLDED) return;
        const depth = path.filter((p) => YAML.isCollection(p)).length;
        if (2 * (depth - 1) + keyOf(pair).length + 2 + node.value.length <= OPTIONS.lineWidth) return; // its column: 2 a level
        const parent = path[path.length - 1];
        if (YAML.isCollection(parent) && parent.flow) parent.flow = false;
        node.type = YAML.Scalar.BLOCK_FOLDED;
      },
    });
  }

  return {
    fromFile(text) {
      const data = YAML.parse(text) || {};
      data[SOURCE] = text;
      return data;
    },
    toFile(data) {
      const { [SOURCE]: source, ...values } = data || {};
      const doc = source ? YAML.parseDocument(source) : new YAML.Document({});
      // The file's own lists stay when emptied (projects: []); what is empty inside them goes.
      const value = {};
      for (const [key, item] of Object.entries(values)) {
        const kept = prune(item);
        if (kept !== undefined) value[key] = kept;
        else if (Array.isArray(item)) value[key] = [];
      }
      const keys = Object.keys(value);
      const order = trees.find((tree) => keys.every((key) => tree.keys.includes(key))) || none;
      doc.contents = YAML.isMap(doc.contents) ? applyMap(doc, doc.contents, value, order) : create(doc, value, order);
      foldLong(doc);
      const text = doc.toString(OPTIONS);
      return source ? text : schemaLine(keys) + text;
    },
  };
}
