#!/usr/bin/env node
// Generates one large, valid `.sysd` design for benchmarks and stress tests.
//
//   import { generateDesign } from "./bench/generate.mjs";
//   const text = generateDesign({ components: 5000, connections: 10000, flows: 200, boundaries: 100 });
//
//   node bench/generate.mjs 5000 [connections] [flows] [boundaries] [seed] > big.sysd
//
// The output is deterministic: the same sizes and seed give the same bytes on
// every run and machine (a seeded PRNG, never Math.random). It exercises every
// part of the grammar of spec §3 and is meant to be free of errors: every name
// it refers to is declared, flows follow existing connections, every functional
// requirement is satisfied by a flow, every stateful component has a failure
// mode, every computed target holds and the cost stays under budget. It has no
// warnings either as long as connections >= components - 1 (so that every
// component can be connected) and flows >= 1 (so that requirements are satisfied).

import { fileURLToPath } from "node:url";
import * as path from "node:path";

/** mulberry32: a small, fast, well-mixed 32-bit PRNG. */
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function makeRandom(seed) {
  const next = mulberry32(seed);
  const int = (n) => Math.floor(next() * n);
  return {
    next,
    int,
    pick: (list) => list[int(list.length)],
    chance: (p) => next() < p,
    /** `count` distinct items of `list`, in list order. */
    sample: (list, count) => {
      const chosen = new Set();
      const want = Math.min(count, list.length);
      while (chosen.size < want) chosen.add(int(list.length));
      return [...chosen].sort((x, y) => x - y).map((i) => list[i]);
    },
  };
}

// Vocabulary ---------------------------------------------------------------

const DOMAINS = [
  "Order", "Billing", "Catalog", "Search", "Identity", "Payment", "Shipping", "Inventory", "Pricing",
  "Review", "Media", "Notification", "Analytics", "Ledger", "Profile", "Session", "Report", "Audit",
  "Recommendation", "Fraud", "Tax", "Invoice", "Cart", "Checkout", "Loyalty", "Support", "Content",
];

/** Component roles: kind (std/core, a stdlib module or a kind declared here), id suffix, title, stateful. */
const ROLES = [
  { kind: "service", suffix: "Service", title: "Service", weight: 10 },
  { kind: "worker", suffix: "Worker", title: "Worker", weight: 5 },
  { kind: "batch", suffix: "Batch", title: "Batch Job", weight: 1 },
  { kind: "function", suffix: "Fn", title: "Function", weight: 2 },
  { kind: "scheduler", suffix: "Scheduler", title: "Scheduler", weight: 1 },
  { kind: "database", suffix: "Db", title: "Database", weight: 3, stateful: true },
  { kind: "aws.RDS", suffix: "Rds", title: "RDS Database", weight: 1, stateful: true },
  { kind: "aws.DynamoDB", suffix: "Table", title: "DynamoDB Table", weight: 1, stateful: true },
  { kind: "cache", suffix: "Cache", title: "Cache", weight: 2, stateful: true },
  { kind: "queue", suffix: "Queue", title: "Queue", weight: 2, stateful: true },
  { kind: "aws.SQS", suffix: "Sqs", title: "SQS Queue", weight: 1, stateful: true },
  { kind: "stream", suffix: "Stream", title: "Event Stream", weight: 1, stateful: true },
  { kind: "object_store", suffix: "Bucket", title: "Object Store", weight: 1, stateful: true },
  { kind: "aws.S3", suffix: "S3", title: "S3 Bucket", weight: 1, stateful: true },
  { kind: "search", suffix: "Index", title: "Search Index", weight: 1, stateful: true },
  { kind: "gateway", suffix: "Gateway", title: "API Gateway", weight: 1 },
  { kind: "load_balancer", suffix: "Lb", title: "Load Balancer", weight: 1 },
  { kind: "cdn", suffix: "Cdn", title: "CDN", weight: 1 },
  { kind: "dns", suffix: "Dns", title: "DNS", weight: 1 },
  { kind: "client", suffix: "Client", title: "Client", weight: 1 },
  { kind: "user", suffix: "User", title: "User", weight: 1 },
  { kind: "external", suffix: "Partner", title: "External Partner", weight: 1 },
  { kind: "GrpcService", suffix: "Grpc", title: "gRPC Service", weight: 2 },
];
const ROLE_TABLE = ROLES.flatMap((role) => Array(role.weight).fill(role));
const STATEFUL_CORE = new Set(["database", "cache", "queue", "stream", "object_store", "search"]);

const LANGUAGES = ["Go", "Rust", "Java", "Kotlin", "TypeScript", "Python", "C#", "Elixir"];
const FRAMEWORKS = ["gRPC", "Express", "Spring Boot", "Axum", "FastAPI", "Phoenix", "ASP.NET"];
const RUNTIMES = ["Kubernetes", "ECS Fargate", "Lambda", "Nomad"];
const DATABASES = ["PostgreSQL", "MySQL", "Cassandra", "DynamoDB", "MongoDB"];
const TECH_STRINGS = ["Go + gRPC", "Node.js + Express", "Java / Spring", "Python 3.12", "Rust (tokio)", "nginx"];
const VERBS = [
  "reads", "writes", "publishes events", "consumes jobs", "queries", "calls", "streams updates",
  "fetches config", "routes requests", "caches lookups", "indexes documents", "uploads files",
];
const RESPONSIBILITIES = [
  "Validate input", "Enforce quotas", "Emit audit events", "Serve reads", "Apply business rules",
  "Retry failed work", "Aggregate metrics", "Publish domain events", "Own its data",
];
const FIELD_TYPES = ["string", "text", "int", "float", "decimal", "bool", "url", "email", "date", "datetime", "duration", "bytes", "json"];

function toSnake(text) {
  return text.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toLowerCase();
}

// The generator ----------------------------------------------------------------

/**
 * Returns the text of one `.sysd` file holding one system of the given size.
 * @param {{components: number, connections?: number, flows?: number, boundaries?: number, seed?: number}} size
 */
export function generateDesign({ components, connections, flows, boundaries, seed = 20240601 } = {}) {
  const nComponents = Math.max(1, Math.floor(components ?? 100));
  const nConnections = Math.max(0, Math.floor(connections ?? nComponents * 2));
  const nFlows = Math.max(0, Math.floor(flows ?? Math.max(1, Math.round(nComponents / 25))));
  const nBoundaries = Math.max(0, Math.floor(boundaries ?? Math.round(nComponents / 50)));
  const rnd = makeRandom(seed);
  const out = [];
  const line = (indent, text) => out.push(text === "" ? "" : "  ".repeat(indent) + text);

  // ── components ──────────────────────────────────────────────────────
  const comps = [];
  for (let i = 0; i < nComponents; i++) {
    const role = rnd.pick(ROLE_TABLE);
    const domain = rnd.pick(DOMAINS);
    const id = `${domain}${role.suffix}${i + 1}`;
    const coreKind = role.kind.startsWith("aws.") ? undefined : role.kind;
    comps.push({
      index: i,
      id,
      title: `${domain} ${role.title} ${i + 1}`,
      role,
      stateful: role.stateful === true || (coreKind !== undefined && STATEFUL_CORE.has(coreKind)),
      compute: ["service", "worker", "GrpcService", "function", "batch"].includes(role.kind),
      boundary: undefined,
      props: [],
    });
  }

  // ── boundaries: a forest, some nested ──────────────────────────────
  const bounds = [];
  for (let b = 0; b < nBoundaries; b++) {
    const parent = b > 0 && rnd.chance(0.4) ? bounds[rnd.int(b)] : undefined;
    bounds.push({ id: `zone_${b + 1}`, title: `Zone ${b + 1}${parent ? ` in ${parent.title}` : ""}`, parent, children: [], members: [] });
    if (parent) parent.children.push(bounds[b]);
  }
  if (bounds.length > 0) {
    for (const comp of comps) {
      if (rnd.chance(0.6)) {
        comp.boundary = rnd.pick(bounds);
        comp.boundary.members.push(comp);
      }
    }
  }

  // ── connections: a spanning chain first so that nothing is left alone ─
  const edges = [];
  const edgeKeys = new Set();
  const adjacency = comps.map(() => []);
  const addEdge = (a, b) => {
    if (a === b) return false;
    const key = `${a}>${b}`;
    if (edgeKeys.has(key)) return false;
    edgeKeys.add(key);
    edges.push({ from: a, to: b, label: rnd.pick(VERBS) });
    adjacency[a].push(b);
    adjacency[b].push(a);
    return true;
  };
  for (let i = 1; i < nComponents && edges.length < nConnections; i++) {
    const other = rnd.int(i);
    if (rnd.chance(0.5)) addEdge(i, other);
    else addEdge(other, i);
  }
  const maxEdges = nComponents * (nComponents - 1);
  let attempts = 0;
  while (edges.length < Math.min(nConnections, maxEdges) && attempts < nConnections * 20) {
    attempts++;
    addEdge(rnd.int(nComponents), rnd.int(nComponents));
  }

  // ── data model ──────────────────────────────────────────────────────
  const nEntities = Math.max(3, Math.round(nComponents / 20));
  const nEnums = Math.max(1, Math.round(nEntities / 10));
  const enums = [];
  for (let e = 0; e < nEnums; e++) enums.push({ id: `Status${e + 1}`, members: ["pending", "active", "suspended", "closed"].slice(0, 2 + (e % 3)) });
  const entities = [];
  for (let e = 0; e < nEntities; e++) entities.push({ id: `${rnd.pick(DOMAINS)}Record${e + 1}` });

  // ── scaling: two demands; some compute components handle them ─────
  const demands = [
    { id: "requests", text: "1M/day", perSecond: 1e6 / 86400, title: "API requests" },
    { id: "events", text: "250/s", perSecond: 250, title: "Domain events" },
  ];
  const utilization = 0.7;
  const handlers = [];
  for (const comp of comps) {
    if (comp.compute && comp.index % 7 === 0) {
      const demand = demands[handlers.length % demands.length];
      const capacity = demand.id === "requests" ? 50 : 100;
      const instances1x = Math.max(2, Math.ceil(demand.perSecond / (capacity * utilization)));
      handlers.push({ comp, demand, capacity, instances1x });
    }
  }

  // ── requirements ────────────────────────────────────────────────────
  const nFunctional = Math.max(1, Math.min(nFlows, Math.max(3, Math.round(nFlows / 4))));
  const functional = [];
  for (let r = 0; r < nFunctional; r++) functional.push({ id: `FR${r + 1}`, text: `User can manage ${rnd.pick(DOMAINS).toLowerCase()} data (case ${r + 1})` });

  // ── apis: served by services, exposed by the same ones ─────────────
  const services = comps.filter((c) => c.role.kind === "service" || c.role.kind === "GrpcService");
  const apis = [];
  const nApis = Math.min(services.length, Math.max(1, Math.round(nComponents / 100)));
  for (let a = 0; a < nApis; a++) {
    const server = services[Math.floor((a * services.length) / nApis)];
    const entity = entities[a % entities.length];
    const api = { id: `${server.id}Api`, server, entity, resource: toSnake(entity.id) };
    apis.push(api);
    server.exposes = api.id;
  }

  // ── cost: fixed items plus per-instance items of some handlers ─────
  const costItems = [
    { label: "Object storage", amount: 120, text: "$120/month" },
    { label: "Data transfer", amount: 300, text: "$300/month" },
    { label: "Managed databases", amount: 1_500, text: "$1_500/month" },
    { label: "Observability", amount: 250.5, text: "$250.50/month" },
  ];
  for (const h of handlers.slice(0, 25)) {
    costItems.push({ label: `${h.comp.title} (EC2)`, amount: 45 * h.instances1x, text: `$45/month * ${h.comp.id}.instances` });
  }
  const costTotal = costItems.reduce((sum, item) => sum + item.amount, 0);
  const budget = Math.ceil((costTotal * 1.5) / 100) * 100;
  const monthlyRequests = (1e6 / 86400) * 730 * 3600;
  const unitCostTarget = Math.ceil(((costTotal / monthlyRequests) * 2) * 1e4) / 1e4;

  // ── file header ─────────────────────────────────────────────────────
  line(0, `// Generated by bench/generate.mjs: components ${nComponents}, connections ${edges.length}, flows ${nFlows}, boundaries ${nBoundaries}, seed ${seed}.`);
  line(0, "// Do not edit by hand; regenerate instead.");
  line(0, 'import "std/aws"');
  line(0, "");
  line(0, "/* A project kind, extending std/core. */");
  line(0, 'kind GrpcService "gRPC Service" : service {');
  line(1, 'technology "gRPC"');
  line(1, 'description "A service that speaks gRPC over HTTP/2"');
  line(0, "}");
  line(0, "");
  line(0, "model {");
  line(1, "enum Region { eu, us, apac }");
  line(0, "}");
  line(0, "");
  line(0, `system Generated${nComponents} "Generated system (${nComponents} components)" {`);
  line(1, 'owner "platform-team"');
  line(1, "status review");
  line(1, 'overview """');
  line(2, `A synthetic design of **${nComponents} components** used to measure the compiler.`);
  line(2, "");
  line(2, "It touches every section of the language.");
  line(1, '"""');
  if (nComponents - comps.filter((c) => ["client", "user", "external"].includes(c.role.kind)).length > 7) {
    line(1, "lint { W301 off }   // a large system on purpose");
  }
  line(0, "");
  line(1, "scope {");
  line(2, 'in  "Core domain services", "Data stores", "Asynchronous processing"');
  line(2, 'out "Mobile apps", "Back-office tooling"');
  line(1, "}");
  line(0, "");

  // requirements
  line(1, "requirements {");
  line(2, "functional {");
  for (const fr of functional) line(3, `${fr.id} "${fr.text}"`);
  line(2, "}");
  line(2, "nonfunctional {");
  line(3, 'NFR1 "Handle 1M requests/day"    target requests >= 1M/day');
  line(3, 'NFR2 "99.95% availability"      target availability >= 99.95%');
  line(3, 'NFR3 "p95 latency under 300ms"  target latency.p95 <= 300ms');
  line(3, `NFR4 "Monthly cost under budget" target cost.total <= $${budget}/month`);
  line(3, `NFR5 "Unit cost per request"     target cost.total / requests <= $${unitCostTarget}`);
  if (handlers.length > 0) {
    const h = handlers[0];
    line(3, `NFR6 "Bounded fleet"             target ${h.comp.id}.instances <= 1000`);
  }
  line(2, "}");
  line(1, "}");
  line(0, "");

  // components, inside their boundaries
  const handlerOf = new Map(handlers.map((h) => [h.comp, h]));
  const entityFor = (comp) => entities[comp.index % entities.length];
  const emitComponent = (indent, comp) => {
    const head = `component ${comp.id} "${comp.title}" : ${comp.role.kind}`;
    const style = comp.index % 5;
    const h = handlerOf.get(comp);
    if (style === 0 && !h && !comp.exposes && !comp.stateful) {
      line(indent, head); // no block at all
      return;
    }
    if (style === 1 && !h && !comp.exposes && !comp.stateful) {
      line(indent, `${head} { technology "${rnd.pick(TECH_STRINGS)}" }`); // one-line block
      return;
    }
    line(indent, `${head} {`);
    const p = indent + 1;
    if (comp.index % 3 === 0) {
      line(p, "technology {");
      line(p + 1, `language "${rnd.pick(LANGUAGES)}"`);
      line(p + 1, `framework "${rnd.pick(FRAMEWORKS)}"`);
      if (comp.stateful) line(p + 1, `database "${rnd.pick(DATABASES)}"`);
      line(p + 1, `runtime "${rnd.pick(RUNTIMES)}"`);
      line(p, "}");
    } else {
      line(p, `technology "${rnd.pick(TECH_STRINGS)}"`);
    }
    const resp = rnd.sample(RESPONSIBILITIES, 2 + rnd.int(3)).map((r) => `"${r}"`);
    if (resp.length > 3) line(p, `responsibilities ${resp.slice(0, 2).join(", ")},\n${"  ".repeat(p + 2)}${resp.slice(2).join(", ")}`);
    else line(p, `responsibilities ${resp.join(", ")}`);
    if (comp.index % 4 === 0) line(p, `scaling { horizontal "Scale out on CPU"; vertical "Up to 8 vCPU" }`);
    else if (comp.index % 4 === 1) line(p, `scaling "Auto-scale on requests/sec"`);
    if (h) {
      line(p, `handles ${h.demand.id}`);
      line(p, `capacity ${h.capacity}/s`);
      line(p, "instances 2..1000");
    }
    if (comp.stateful) {
      const a = entityFor(comp);
      const b = entities[(comp.index + 1) % entities.length];
      line(p, a === b ? `stores ${a.id}` : `stores ${a.id}, ${b.id}`);
    }
    if (comp.exposes) line(p, `exposes ${comp.exposes}`);
    if (comp.index % 6 === 2) line(p, `failure_handling "Retry with backoff", "Dead-letter after 3 attempts"`);
    if (comp.index % 8 === 3) line(p, `owner "team-${(comp.index % 13) + 1}"`);
    if (comp.index % 9 === 4) line(p, `tags "tier-${(comp.index % 3) + 1}", "generated"`);
    if (comp.index % 11 === 5) line(p, `link "https://runbooks.example.com/${comp.id}"`);
    if (comp.index % 10 === 6) {
      line(p, 'description """');
      line(p + 1, `Owns the *${comp.title}* part of the domain.`);
      line(p + 1, "See the runbook for `on-call` steps.");
      line(p, '"""');
    }
    if (comp.index % 12 === 7) {
      line(p, "properties {");
      line(p + 1, "timeout 30s");
      line(p + 1, `max_batch ${10 + (comp.index % 90)}`);
      line(p + 1, "retention 7 days");
      line(p + 1, "warm_pool");
      line(p, "}");
    }
    line(indent, "}");
  };
  const emitBoundary = (indent, bound) => {
    line(indent, `boundary ${bound.id} "${bound.title}" {`);
    for (const child of bound.children) emitBoundary(indent + 1, child);
    for (const comp of bound.members) emitComponent(indent + 1, comp);
    line(indent, "}");
  };
  for (const comp of comps) if (!comp.boundary) emitComponent(1, comp);
  line(0, "");
  for (const bound of bounds) if (!bound.parent) emitBoundary(1, bound);
  line(0, "");

  // connections
  for (let e = 0; e < edges.length; e++) {
    const { from, to, label } = edges[e];
    const text = `${comps[from].id} -> ${comps[to].id} "${label}"`;
    if (e % 17 === 0) {
      line(1, `${text} {`);
      line(2, `technology "${rnd.pick(["gRPC", "HTTPS", "AMQP", "Kafka protocol"])}"`);
      line(2, "async");
      line(2, 'tags "generated"');
      line(1, "}");
    } else if (e % 13 === 0) {
      line(1, `${text} { technology "HTTPS" }`);
    } else if (e % 29 === 1 && e + 1 < edges.length) {
      const next = edges[++e];
      line(1, `${text}; ${comps[next.from].id} -> ${comps[next.to].id} "${next.label}"`);
    } else {
      line(1, text);
    }
  }
  line(0, "");

  // flows: random walks along the connections (either direction)
  for (let f = 0; f < nFlows; f++) {
    line(1, `flow flow_${f + 1} "Flow ${f + 1}" {`);
    const fr = functional[f % functional.length];
    const extra = functional.length > 1 && f % 5 === 0 ? functional[(f + 1) % functional.length] : undefined;
    line(2, `satisfies ${fr.id}${extra && extra !== fr ? `, ${extra.id}` : ""}`);
    let at = rnd.int(nComponents);
    for (let tries = 0; tries < 50 && adjacency[at].length === 0; tries++) at = rnd.int(nComponents);
    const steps = 3 + rnd.int(6);
    for (let s = 0; s < steps; s++) {
      if (adjacency[at].length === 0) {
        line(2, `${comps[at].id}: "Handle the work locally"`);
        break;
      }
      const next = rnd.pick(adjacency[at]);
      line(2, `${comps[at].id} -> ${comps[next].id} "step ${s + 1}: ${rnd.pick(VERBS)}"`);
      if (s === 1) line(2, `${comps[next].id}: "Process the request"`);
      at = next;
    }
    line(1, "}");
  }
  line(0, "");

  // data model
  line(1, "model {");
  for (const en of enums) {
    if (en.members.length > 3) {
      line(2, `enum ${en.id} {`);
      for (const m of en.members) line(3, m);
      line(2, "}");
    } else {
      line(2, `enum ${en.id} { ${en.members.join(", ")} }`);
    }
  }
  line(0, "");
  for (let e = 0; e < entities.length; e++) {
    const en = entities[e];
    line(2, `entity ${en.id} "Record ${e + 1} of the generated domain" {`);
    line(3, "id: uuid [pk]");
    if (e > 0) line(3, `parent: ${entities[e - 1].id} [fk, index]`);
    line(3, `status: ${enums[e % enums.length].id}`);
    line(3, "region: Region");
    line(3, `owner_email: email [pii, unique]`);
    line(3, `channel: "email" | "sms" | "push"`);
    line(3, "labels: string[]");
    line(3, "attempts: int [default 0]");
    const nFields = 2 + (e % 5);
    for (let k = 0; k < nFields; k++) {
      const optional = k % 3 === 2 ? "?" : "";
      const doc = k % 4 === 1 ? ' "free text"' : "";
      line(3, `field_${k + 1}${optional}: ${FIELD_TYPES[(e + k) % FIELD_TYPES.length]}${doc}`);
    }
    line(3, "created_at: datetime, updated_at?: datetime");
    line(2, "}");
  }
  line(1, "}");
  line(0, "");

  // apis and a webhook
  for (const api of apis) {
    line(1, `api ${api.id} "${api.server.title} API" {`);
    line(2, `served_by ${api.server.id}`);
    line(2, 'base "/v1"');
    line(2, 'auth "Bearer token"');
    line(2, `POST /${api.resource} "Create" {`);
    line(3, "request { name: string, region: Region, tags?: string[] }");
    line(3, "response 201 { id: uuid, created_at: datetime }");
    line(3, "errors 400, 409, 422");
    line(2, "}");
    line(2, `GET /${api.resource}/{id} "Read" {`);
    line(3, "params { id: uuid }");
    line(3, `response 200 ${api.entity.id}`);
    line(3, "errors 404");
    line(2, "}");
    line(2, `GET /${api.resource} "List" {`);
    line(3, "query { cursor?: string, limit?: int }");
    line(3, `response 200 ${api.entity.id}[]`);
    line(2, "}");
    line(2, `PUT /${api.resource}/{id}/lines "Replace lines" {`);
    line(3, "request { lines: { sku: string, quantity: int }[] }");
    line(3, "response 204");
    line(2, "}");
    line(2, `DELETE /${api.resource}/{id} "Delete"`);
    line(1, "}");
  }
  const notifier = comps.find((c) => c.compute) ?? comps[0];
  line(1, `webhook record_changed "record.changed" {`);
  line(2, `from ${notifier.id}`);
  line(2, `payload { id: uuid, status: ${enums[0].id}, changed_at: datetime, note?: string }`);
  line(1, "}");
  line(0, "");

  // scaling
  line(1, "scaling {");
  for (const d of demands) line(2, `demand ${d.id} ${d.text} "${d.title}"`);
  line(2, `utilization ${utilization * 100}%`);
  line(2, "tiers 1x, 10x, 100x");
  line(2, "tier 10x {");
  line(3, '"Add read replicas"');
  line(3, '"Cache hot lookups"');
  line(2, "}");
  line(2, 'tier 100x { "Shard by tenant" }');
  line(1, "}");
  line(0, "");

  // cost
  line(1, "cost {");
  for (const item of costItems) line(2, `item "${item.label}" ${item.text}`);
  line(2, `budget $${budget}/month`);
  line(1, "}");
  line(0, "");

  // failure modes: every stateful component is affected by one
  const stateful = comps.filter((c) => c.stateful);
  const chunk = 12;
  const severities = ["low", "medium", "high", "critical"];
  for (let s = 0; s < stateful.length; s += chunk) {
    const group = stateful.slice(s, s + chunk).map((c) => c.id);
    const n = s / chunk + 1;
    line(1, n % 4 === 0 ? `failure "Storage group ${n} unavailable" {` : `failure store_outage_${n} "Storage group ${n} unavailable" {`);
    const lines = [];
    for (let k = 0; k < group.length; k += 4) lines.push(group.slice(k, k + 4).join(", "));
    line(2, `affects ${lines.join(`,\n${"  ".repeat(4)}`)}`);
    line(2, 'impact "Reads and writes of the group fail"');
    line(2, 'mitigation "Multi-AZ replicas and automatic failover"');
    line(2, `severity ${severities[n % severities.length]}`);
    line(1, "}");
  }
  line(1, `failure overload "Traffic spike" {`);
  line(2, `affects ${comps[0].id}`);
  line(2, 'impact "Elevated latency"');
  line(2, 'mitigation "Load shedding"');
  line(2, "severity medium");
  line(1, "}");
  line(0, "");

  // security
  line(1, "security {");
  const guarded = rnd.sample(comps, Math.max(1, Math.round(nComponents / 100)));
  for (const comp of guarded) line(2, `control "Encrypt traffic to ${comp.title}" on ${comp.id}`);
  line(2, 'control "Rotate credentials every 90 days"');
  line(1, "}");
  line(0, "");

  // monitoring: every metric has an alert
  line(1, "monitoring {");
  line(2, 'metric latency "Request latency" unit ms percentiles p50, p95, p99');
  line(2, 'metric error_rate "Error rate" unit %');
  line(2, 'metric uptime "Availability" unit %');
  line(2, 'metric egress "Egress" unit GB/month');
  const watched = handlers.slice(0, Math.max(1, Math.round(nComponents / 100)));
  for (const h of watched) line(2, `metric cpu_${toSnake(h.comp.id)} "CPU of ${h.comp.title}" unit % of ${h.comp.id}`);
  const queues = comps.filter((c) => c.role.kind === "queue" || c.role.kind === "aws.SQS").slice(0, 10);
  for (const q of queues) line(2, `metric depth_${toSnake(q.id)} "Depth of ${q.title}" of ${q.id}`);
  line(0, "");
  line(2, 'alert latency.p95 > 300ms "Latency over target" severity page for 5min');
  line(2, "alert slow_p99 latency.p99 > 1s severity ticket");
  line(2, "alert error_rate > 1%");
  line(2, 'alert uptime < 99.95% "Availability under target" severity page');
  line(2, "alert egress > 10TB/month severity info");
  for (const h of watched) line(2, `alert cpu_${toSnake(h.comp.id)} > 85% for 10min`);
  for (const q of queues) line(2, `alert depth_${toSnake(q.id)} > 10k`);
  line(1, "}");
  line(0, "");

  // decisions and questions
  const nDecisions = Math.max(1, Math.round(nComponents / 500));
  const decisionStatus = ["proposed", "accepted", "rejected", "superseded"];
  for (let d = 0; d < nDecisions; d++) {
    line(1, `decision D${d + 1} "Decision ${d + 1}: prefer asynchronous hand-offs" {`);
    line(2, `status ${decisionStatus[d % decisionStatus.length]}`);
    line(2, 'context "Synchronous chains amplify tail latency"');
    line(2, 'alternatives "Synchronous RPC everywhere", "A shared database"');
    line(2, 'consequences """');
    line(3, "- More queues to operate");
    line(3, "- Eventual consistency between domains");
    line(2, '"""');
    line(1, "}");
  }
  line(0, "");
  line(1, "questions {");
  line(2, 'open "Which regions launch first?"');
  line(2, 'resolved "Do we need multi-tenancy?" "Yes, by tenant id"');
  line(1, "}");
  line(0, "}");
  return out.join("\n") + "\n";
}

/** The default sizes for a component count, as the CLI and the benchmark use them. */
export function defaultSizes(components) {
  return {
    components,
    connections: components * 2,
    flows: Math.max(1, Math.round(components / 25)),
    boundaries: Math.max(1, Math.round(components / 50)),
  };
}

const invokedDirectly = process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  const args = process.argv.slice(2);
  const numbers = args.map((a) => Number(a.replace(/_/g, "")));
  if (args.length === 0 || args.includes("--help") || numbers.some((n) => !Number.isInteger(n) || n < 0) || numbers[0] < 1) {
    process.stderr.write("usage: node bench/generate.mjs COMPONENTS [CONNECTIONS] [FLOWS] [BOUNDARIES] [SEED] > design.sysd\n");
    process.exit(args.includes("--help") ? 0 : 2);
  }
  const [components, connections, flows, boundaries, seed] = numbers;
  const sizes = defaultSizes(components);
  process.stdout.write(
    generateDesign({
      components,
      connections: connections ?? sizes.connections,
      flows: flows ?? sizes.flows,
      boundaries: boundaries ?? sizes.boundaries,
      seed,
    }),
  );
}
