/**
 * What a user needs to act on each diagnostic code: when it fires, a design
 * that makes it fire, and how to fix it. `docs/diagnostics.md` is generated
 * from this table and from the code table (`npm run docs`); the tests check
 * that every code has an entry and that each `example` really yields its code
 * and each `fixed` does not.
 *
 * Adding a code: one entry here, then `npm run docs`.
 */

export interface CodeGuide {
  /** Markdown: what in a design triggers the code, more precisely than the code table's one line. */
  readonly trigger: string;
  /** A whole `.sysd` file (named `design.sysd`) that yields the code. */
  readonly example: string;
  /** Markdown: how to make the diagnostic go away. */
  readonly fix: string;
  /** The example with the fix applied; it must not yield the code. Absent where the fix is a whole design. */
  readonly fixed?: string;
}

/**
 * Keyed by code. The generator writes only the codes of the code table, so an
 * entry may come before its code does (E102 and W311 of the contract's version
 * 1.1 are implemented on other branches).
 */
export const CODE_GUIDE: Readonly<Record<string, CodeGuide>> = {
  E100: {
    trigger:
      "The parser met text that does not fit the grammar: an unexpected token, a string without its closing quote, an unknown unit, a value of the wrong kind after a well-known property (`technology 42`), or two statements on one line without `;`; also a `sysd.json` that is not valid JSON, or whose `rules` give a setting other than `off`, `info`, `warning` or `error`. The parser recovers at the end of the line, so one run reports every syntax error.",
    example: `system Shop {
  component Api "Orders API
}
`,
    fix: "Correct the text at the caret; the message says what was expected there.",
    fixed: `system Shop {
  component Api "Orders API"
}
`,
  },
  E101: {
    trigger:
      "An `import` names a file that does not exist or cannot be read, a `std/` module the standard library does not have, or a project file outside the root folder (the current folder, or `--root`).",
    example: `import "std/amazon"

system Shop {
  component Api
}
`,
    fix: "Fix the path: standard modules are `std/core`, `std/aws`, `std/gcp`, `std/azure` and `std/oss`; a project file is named relative to the importing file and must lie inside the root.",
    fixed: `import "std/aws"

system Shop {
  component Api
}
`,
  },
  E102: {
    trigger:
      "A word that must be one of a fixed set is not: a system's `status` (`draft`, `review`, `approved`, `deprecated`), a decision's `status` (`proposed`, `accepted`, `rejected`, `superseded`), a failure's `severity` (`low`, `medium`, `high`, `critical`), an alert's `severity` (`page`, `ticket`, `info`), or a misspelled keyword at the start of a statement. The message suggests the nearest word; a declaration-like statement (`servise Cache \"Cache\"`) whose first word is close to no keyword lists the keywords of its block instead, and is skipped.",
    example: `system Shop {
  status drafty
  component Api
}
`,
    fix: "Use one of the words the message lists.",
    fixed: `system Shop {
  status draft
  component Api
}
`,
  },
  E200: {
    trigger:
      "A name is declared twice in the same category of one system (components and boundaries share one; types, apis, flows, metrics, demands, requirements and decisions each have their own), or an api declares the same method and path twice. The second declaration is reported, with the first as a related location.",
    example: `system Shop {
  component Api "Orders API"
  component Api "Payments API"
}
`,
    fix: "Rename one of the two, or merge them.",
    fixed: `system Shop {
  component Orders "Orders API"
  component Payments "Payments API"
}
`,
  },
  E201: {
    trigger:
      "A connection, flow step, `served_by`, `from`, `affects`, `on`, `of` or view names a component or boundary the system does not declare. `served_by`, `from`, `on` and `of` must name a component, so a boundary there is reported too.",
    example: `system Shop {
  component Api
  Api -> Db "reads orders"
}
`,
    fix: "Declare the component, or correct the name (the message suggests a near one).",
    fixed: `system Shop {
  component Api
  component Db : database
  Api -> Db "reads orders"
}
`,
  },
  E202: {
    trigger:
      "A field, parameter, request or response uses a type that is neither built in (`string text int float decimal bool uuid url email date datetime duration bytes json`) nor an enum or entity of the model.",
    example: `system Shop {
  model {
    entity Order {
      id: uuid [pk]
      total: money
    }
  }
}
`,
    fix: "Use a built-in type, or declare the type as an `entity` or `enum`.",
    fixed: `system Shop {
  model {
    entity Order {
      id: uuid [pk]
      total: decimal
    }
  }
}
`,
  },
  E203: {
    trigger: "A component or `kind` names a kind that is neither in `std/core` nor declared in the file or an imported module.",
    example: `system Shop {
  component Orders : postgres
}
`,
    fix: "Use a core kind (`database`, `queue`, …), import the module that declares it (`import \"std/oss\"` gives `oss.PostgreSQL`), or declare it with `kind`.",
    fixed: `import "std/oss"

system Shop {
  component Orders : oss.PostgreSQL
}
`,
  },
  E204: {
    trigger:
      "A requirement target, cost item or alert names a metric, a percentile or a demand that the system does not declare (a percentile must be listed in its metric's `percentiles`).",
    example: `system Shop {
  requirements {
    nonfunctional { NFR1 "Checkout is fast" target checkout_latency.p99 <= 300ms }
  }
}
`,
    fix: "Declare the metric in `monitoring` (with the percentile) or the demand in `scaling`, or correct the name.",
    fixed: `system Shop {
  requirements {
    nonfunctional { NFR1 "Checkout is fast" target checkout_latency.p99 <= 300ms }
  }
  monitoring {
    metric checkout_latency unit ms percentiles p99
  }
}
`,
  },
  E206: {
    trigger: "A flow's `satisfies` names a requirement that is not declared, or one that is non-functional (only functional requirements are satisfied by flows).",
    example: `system Shop {
  requirements {
    functional { FR1 "Place an order" }
  }
  component Web : client
  component Api
  Web -> Api
  flow checkout {
    satisfies FR2
    Web -> Api "POST /orders"
  }
}
`,
    fix: "Name a declared functional requirement, or declare the one the flow satisfies.",
    fixed: `system Shop {
  requirements {
    functional { FR1 "Place an order" }
  }
  component Web : client
  component Api
  Web -> Api
  flow checkout {
    satisfies FR1
    Web -> Api "POST /orders"
  }
}
`,
  },
  E207: {
    trigger: "A component's `exposes` names an `api` the system does not declare.",
    example: `system Shop {
  component Api { exposes Orders }
}
`,
    fix: "Declare the api, or correct its name.",
    fixed: `system Shop {
  component Api { exposes Orders }
  api Orders {
    served_by Api
    GET /orders
  }
}
`,
  },
  E210: {
    trigger:
      "Quantities of different dimensions meet: added, subtracted or compared (`5min + 1GB`), an alert threshold in another dimension than its metric's unit, or a target compared with a quantity of the wrong dimension.",
    example: `system Shop {
  monitoring {
    metric latency unit ms
    alert latency > 5GB
  }
}
`,
    fix: "Write the quantity in a unit of the right dimension (see the units table of the language reference).",
    fixed: `system Shop {
  monitoring {
    metric latency unit ms
    alert latency > 500ms
  }
}
`,
  },
  E221: {
    trigger: "An endpoint's `params` declares a parameter that has no `{placeholder}` in its path.",
    example: `system Shop {
  component Api
  api Orders {
    served_by Api
    GET /orders/{id} {
      params { order_id: uuid }
    }
  }
}
`,
    fix: "Name the parameter as in the path (or the placeholder as in `params`).",
    fixed: `system Shop {
  component Api
  api Orders {
    served_by Api
    GET /orders/{id} {
      params { id: uuid }
    }
  }
}
`,
  },
  E230: {
    trigger:
      "A non-functional requirement's `target` can be computed from the design (cost, demands, instance counts) and the computed value breaks it. The message gives the value.",
    example: `system Shop {
  requirements {
    nonfunctional { NFR1 "Under 2 cents an order" target cost.total / orders <= $0.02 }
  }
  scaling { demand orders 1000/day }
  cost { item "Servers" $900/month }
}
`,
    fix: "Change the design so that its numbers meet the target (cheaper items, fewer instances), or, if the requirement was wrong, the target.",
    fixed: `system Shop {
  requirements {
    nonfunctional { NFR1 "Under 2 cents an order" target cost.total / orders <= $0.02 }
  }
  scaling { demand orders 1000/day }
  cost { item "Servers" $300/month }
}
`,
  },
  E231: {
    trigger: "The sum of the cost items at 1x is higher than the `budget` (the tiers' totals are shown but not checked).",
    example: `system Shop {
  cost {
    item "Servers"  $400/month
    item "Database" $200/month
    budget $500/month
  }
}
`,
    fix: "Lower the items or raise the budget.",
    fixed: `system Shop {
  cost {
    item "Servers"  $250/month
    item "Database" $200/month
    budget $500/month
  }
}
`,
  },
  W300: {
    trigger:
      "A section of the design checklist has nothing in the system: requirements (a functional and a non-functional one), architecture (a component and a connection), flows, data model (an entity), API contract (an `api` or `webhook`), scaling (a demand or a tier note), failure modes, cost (an `item`), security (a `control`) or monitoring (a metric and an alert). One warning per missing section, at the system's name.",
    example: `system Shop {
  component Api
}
`,
    fix: "Write the section the message names (`sysd init` writes a starter with every section), or turn the warning off for a design that is deliberately partial: `lint { W300 off }`.",
  },
  W301: {
    trigger:
      "The system has fewer than 3 or more than 7 components, not counting those whose kind is `client`, `user` or `external`. Fewer means the design says little; more is hard to read in one diagram.",
    example: `system Shop {
  component Web : client
  component Api
  Web -> Api
}
`,
    fix: "Name the parts the system is made of, or, with more than 7, group them into boundaries and split the design.",
    fixed: `system Shop {
  component Web : client
  component Api
  component Orders : database
  component Payments
  Web -> Api
  Api -> Orders
  Api -> Payments
}
`,
  },
  W302: {
    trigger: "A component takes part in no connection (a connection to or from a boundary counts for every component inside it).",
    example: `system Shop {
  component Api
  component Orders : database
  component Mailer
  Api -> Orders
}
`,
    fix: "Connect it, or remove it if the design no longer needs it.",
    fixed: `system Shop {
  component Api
  component Orders : database
  component Mailer
  Api -> Orders
  Api -> Mailer "sends receipts"
}
`,
  },
  W303: {
    trigger: "A flow message `A -> B` joins two components that no connection joins, in either direction (directly or through boundaries that contain them).",
    example: `system Shop {
  component Web : client
  component Api
  component Orders : database
  Web -> Api
  flow checkout {
    Web -> Api "POST /orders"
    Api -> Orders "insert order"
  }
}
`,
    fix: "Add the connection the flow relies on, or route the message through components that are connected.",
    fixed: `system Shop {
  component Web : client
  component Api
  component Orders : database
  Web -> Api
  Api -> Orders
  flow checkout {
    Web -> Api "POST /orders"
    Api -> Orders "insert order"
  }
}
`,
  },
  W304: {
    trigger:
      "A stateful component (its kind reaches `database`, `queue`, `stream`, `cache`, `object_store` or `search`) is named by no `failure`'s `affects`, directly or through a boundary that holds it.",
    example: `system Shop {
  component Api
  component Orders : database
  Api -> Orders
}
`,
    fix: "Write the failure mode: what happens when it is down, and what mitigates it.",
    fixed: `system Shop {
  component Api
  component Orders : database
  Api -> Orders
  failure orders_down "Orders database unavailable" {
    affects Orders
    impact "No order can be placed"
    mitigation "Multi-AZ replica with automatic failover"
    severity high
  }
}
`,
  },
  W305: {
    trigger: "A functional requirement is named by no flow's `satisfies`.",
    example: `system Shop {
  requirements {
    functional { FR1 "Place an order" }
  }
  component Web : client
  component Api
  Web -> Api
}
`,
    fix: "Write the flow that shows how the design satisfies it, with `satisfies FR1`.",
    fixed: `system Shop {
  requirements {
    functional { FR1 "Place an order" }
  }
  component Web : client
  component Api
  Web -> Api
  flow checkout {
    satisfies FR1
    Web -> Api "POST /orders"
  }
}
`,
  },
  W306: {
    trigger:
      "A requirement's target names a metric that sysd cannot compute (it is measured in production) and no `alert` watches that metric, so nothing would tell anyone the requirement is broken. `availability` is exempt.",
    example: `system Shop {
  requirements {
    nonfunctional { NFR1 "Checkout is fast" target checkout_latency.p99 <= 300ms }
  }
  monitoring {
    metric checkout_latency unit ms percentiles p99
  }
}
`,
    fix: "Add an alert on the metric.",
    fixed: `system Shop {
  requirements {
    nonfunctional { NFR1 "Checkout is fast" target checkout_latency.p99 <= 300ms }
  }
  monitoring {
    metric checkout_latency unit ms percentiles p99
    alert checkout_latency.p99 > 300ms "Checkout is slow" severity page
  }
}
`,
  },
  W307: {
    trigger:
      "A block holds a property the language does not define there (a misspelling gets a did-you-mean). Bad entries of a `lint` block or `sysd.json` are W309.",
    example: `system Shop {
  component Api { langauge "Go" }
}
`,
    fix: "Correct the name; free-form settings go in a `properties { }` block, where anything is allowed.",
    fixed: `system Shop {
  component Api { technology "Go" }
}
`,
  },
  W308: {
    trigger: "An entity of the data model has no field marked `[pk]`.",
    example: `system Shop {
  model {
    entity Order {
      number: string
      total: decimal
    }
  }
}
`,
    fix: "Mark the field that identifies an entity with `[pk]`.",
    fixed: `system Shop {
  model {
    entity Order {
      number: string [pk]
      total: decimal
    }
  }
}
`,
  },
  W309: {
    trigger:
      "A `lint` block or the `rules` of `sysd.json` names a code that does not exist or an error code (errors cannot be turned off or changed), or a `lint` entry has a setting other than `off`, `info`, `warning` or `error` (the message suggests the nearest). The entry is ignored; the other entries still apply. In `sysd.json` a bad setting is E100 and the file is not used.",
    example: `system Shop {
  lint { W300 off; E201 off; W301 offf }
  component Web : client
  component Api
  Web -> Api
}
`,
    fix: "Name only warning codes, each with `off`, `info`, `warning` or `error`; an error goes away only by fixing the design.",
    fixed: `system Shop {
  lint { W300 off; W301 off }
  component Web : client
  component Api
  Web -> Api
}
`,
  },
  W310: {
    trigger:
      "A scaling tier needs more instances of a component (`demand × tier ÷ (capacity × utilization)`) than the upper bound of its `instances`; the count is clamped to the bound, so the design under-provisions that tier.",
    example: `system Shop {
  component Workers : worker {
    handles orders
    capacity 10/min
    instances 1..20
  }
  scaling {
    demand orders 100/min
    tiers 1x, 10x
  }
}
`,
    fix: "Raise the bound, raise the per-instance `capacity`, or say in a `tier` note how that tier is served differently.",
    fixed: `system Shop {
  component Workers : worker {
    handles orders
    capacity 10/min
    instances 1..200
  }
  scaling {
    demand orders 100/min
    tiers 1x, 10x
  }
}
`,
  },
  W311: {
    trigger:
      "A `view`'s `include` and `focus`, less its `exclude`, select no component, so its diagram would be empty. It is reported at the view's name.",
    example: `system Shop {
  component Api
  component Orders : database
  Api -> Orders
  view queues "Queues" {
    include kind queue
  }
}
`,
    fix: "Correct the selectors (an id, `boundary <id>`, `kind <kind>`, `tag \"<text>\"` or `*`), or remove the view.",
    fixed: `system Shop {
  component Api
  component Orders : database
  Api -> Orders
  view storage "Storage" {
    include kind database
  }
}
`,
  },
};
