/**
 * The design `sysd init` writes: small, but with every section of the
 * checklist, so it checks clean and shows what a design holds.
 */
export function starterDesign(id: string, title: string): string {
  return `// ${title}: a starter design written by \`sysd init\`.
// Edit it, then run \`sysd check\` and \`sysd build\`.
import "std/aws"

system ${id} "${title.replace(/["\\]/g, "")}" {
  owner "my-team"
  status draft
  overview """
    What the system does and why, in a few sentences of markdown.
  """

  scope {
    in "Creating and reading items"
    out "Billing"
  }

  requirements {
    functional {
      FR1 "A user creates an item"
      FR2 "A user reads an item"
    }
    nonfunctional {
      NFR1 "Serve 50 requests a second" target requests >= 50/s
      NFR2 "Answer within 200 ms (p95)" target latency.p95 <= 200ms
      NFR3 "Cost under $500 a month"    target cost.total <= $500/month
    }
  }

  component User "User" : user

  component Api "API" {
    technology "TypeScript"
    responsibilities "Validate requests", "Read and write items"
    exposes Items
    handles requests
    capacity 100/s
    instances 2..100
  }

  component Db "Database" : aws.DynamoDB {
    stores Item
  }

  component Events "Item events" : aws.SQS

  component Indexer "Indexer" : worker {
    responsibilities "Keep the search index up to date"
  }

  User -> Api "HTTPS"
  Api -> Db "reads and writes items"
  Api -> Events "item changed" { async }
  Indexer -> Events "consumes" { async }

  flow create "Create an item" {
    satisfies FR1
    User -> Api "POST /items"
    Api: "Validate the item"
    Api -> Db "Store the item"
    Api -> Events "Publish item changed"
    Api -> User "201 with the item"
  }

  flow read "Read an item" {
    satisfies FR2
    User -> Api "GET /items/{id}"
    Api -> Db "Read the item"
    Api -> User "200 with the item"
  }

  model {
    entity Item "Something users create" {
      id: uuid [pk]
      owner: string [index]
      name: string
      created_at: datetime
    }
  }

  api Items "Item API" {
    served_by Api
    base "/v1"
    auth "Bearer token"
    POST /items "Create an item" {
      request { name: string }
      response 201 Item
      errors 400
    }
    GET /items/{id} "Read an item" {
      params { id: uuid }
      response 200 Item
      errors 404
    }
  }

  scaling {
    demand requests 50/s "API requests at peak"
    utilization 70%
    tier 10x { "Add a cache in front of the database" }
    tier 100x { "Partition items by owner" }
  }

  cost {
    item "API instances" $30/month * Api.instances
    item "DynamoDB"      $100/month
    item "SQS"           $5/month
    budget $500/month
  }

  failure db_down "Database unavailable" {
    affects Db
    impact "Items cannot be created or read"
    mitigation "Retry with backoff; multi-AZ by default"
    severity high
  }

  failure queue_down "Event queue unavailable" {
    affects Events
    impact "The search index falls behind"
    mitigation "Publish events from an outbox table"
    severity low
  }

  security {
    control "Requests carry a signed token" on Api
    control "Items encrypted at rest" on Db
  }

  monitoring {
    metric latency "Request latency" unit ms percentiles p50, p95
    metric errors "Error rate" unit %
    alert latency.p95 > 200ms "Requests are slow" severity page for 5min
    alert errors > 1% severity ticket
  }

  decision D1 "Use DynamoDB" {
    status proposed
    context "Items are read by id; no joins are needed"
    alternatives "PostgreSQL"
    consequences "Queries beyond lookups by id need the search index"
  }

  questions {
    open "How long are items kept?"
  }
}
`;
}
