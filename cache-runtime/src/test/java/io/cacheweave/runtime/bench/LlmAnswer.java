package io.cacheweave.runtime.bench;

import java.time.Instant;
import java.util.List;

/**
 * What a cached language-model call typically returns: a record with some metadata and a list of text paragraphs.
 * {@link #sample()} is about 16 KiB of JSON of ordinary written English (no repeated filler), so compression ratios
 * are those of real answers, not of synthetic text.
 */
public record LlmAnswer(String model, String promptId, Instant createdAt, int promptTokens, int completionTokens,
        String finishReason, List<String> paragraphs, List<String> followUps) {

    public static LlmAnswer sample() {
        return new LlmAnswer("example-large-2026-06", "summarize:quarterly-report:7f3a9c", Instant.parse(
                "2026-11-03T09:41:27.512Z"), 6214, 3807, "stop", PARAGRAPHS, List.of(
                "Would you like a version of this summary written for the board rather than for the engineering"
                        + " leads?",
                "Should I compare these figures with the same quarter of last year?",
                "Do you want the risks ranked by likely cost instead of by probability?"));
    }

    private static final List<String> PARAGRAPHS = List.of(
            "Here is a summary of the quarterly operations report you shared. I have grouped the findings by"
                    + " theme rather than following the order of the original document, because several points"
                    + " about cost, reliability and staffing are spread across different sections and only make"
                    + " sense when they are read together. Where the report gives exact numbers I quote them;"
                    + " where it only describes a trend, I say so explicitly.",
            "## Overall picture\n\nThe quarter was better than the previous one on almost every operational"
                    + " measure, but the improvement came at a higher cost than planned. Availability of the"
                    + " customer-facing services rose from 99.82% to 99.95%, the median response time of the"
                    + " public API fell from 184 ms to 131 ms, and the number of incidents that required a"
                    + " post-mortem dropped from eleven to four. At the same time, infrastructure spending grew by"
                    + " roughly 18%, about twice the growth in traffic.",
            "The report attributes most of the reliability gain to two changes made early in the quarter: the"
                    + " migration of the order pipeline to the new message broker, and the introduction of a"
                    + " read-through cache in front of the pricing service. Both are described as finished, though"
                    + " the broker migration still has a small number of legacy consumers that poll the old"
                    + " queue every few minutes and will need to be moved before the old cluster can be retired.",
            "## Cost\n\nSpending is the area the authors are most concerned about. The largest single increase"
                    + " is in the machine-learning inference budget, which nearly doubled after the support"
                    + " assistant was rolled out to all regions. According to the appendix, about 41% of the"
                    + " requests sent to the language model are repeats of questions that were asked, word for"
                    + " word, within the previous 24 hours. The report suggests that caching these answers could"
                    + " remove a third of the inference cost without any change visible to users.",
            "Storage costs grew more slowly than compute but are still above forecast. Log retention is the main"
                    + " driver: the default retention period was raised from 14 to 30 days during an audit and was"
                    + " never lowered again. The team estimates that returning to 14 days for debug-level logs,"
                    + " while keeping 30 days for access and audit logs, would save around 9% of the storage"
                    + " bill. This is listed as a recommendation but has not yet been approved by the compliance"
                    + " group, which wants to review which logs count as audit records first.",
            "Network egress is flat, which the report notes is unusual given the traffic growth. The explanation"
                    + " offered is that the image service started serving resized variants from the edge instead"
                    + " of the origin, so much of the additional traffic never left the content delivery network."
                    + " The authors caution that this saving will not repeat next quarter, since the change is"
                    + " already fully deployed.",
            "## Reliability\n\nOf the four incidents that needed a post-mortem, two were caused by expired"
                    + " certificates on internal services, one by a configuration change that disabled rate"
                    + " limiting for a partner integration, and one by a database failover that took longer than"
                    + " expected because the replica had fallen behind. None of them lasted more than 40 minutes,"
                    + " and only the failover affected customers directly: checkout was unavailable in one region"
                    + " for 23 minutes during the evening peak.",
            "The certificate incidents are treated as a process failure rather than a technical one. Both"
                    + " certificates were issued manually two years ago, before automated renewal existed, and"
                    + " neither was listed in the inventory. The follow-up actions are to scan every internal"
                    + " endpoint for certificates that expire within ninety days, to add the results to the"
                    + " on-call dashboard, and to move the remaining manually issued certificates to the automated"
                    + " issuer by the end of next quarter.",
            "The database failover is the incident the authors discuss at greatest length. Replication lag had"
                    + " been growing slowly for weeks because a nightly batch job was rewriting a large table in"
                    + " a single transaction. Monitoring did alert on the lag, but the threshold had been set so"
                    + " high that the alert fired only after the failover had already started. The batch job has"
                    + " since been split into smaller transactions, and the alert threshold was lowered from ten"
                    + " minutes of lag to thirty seconds.",
            "## Performance\n\nThe improvement in response time is concentrated in read-heavy endpoints. The"
                    + " pricing and catalogue endpoints became between 35% and 60% faster once the cache was in"
                    + " place, while write endpoints such as order creation and payment confirmation are"
                    + " essentially unchanged. The 99th percentile tells a less flattering story: it improved for"
                    + " reads but got worse for the search endpoint, where a new ranking model adds up to 80 ms"
                    + " when its own results are not already cached.",
            "The report recommends setting explicit latency budgets per endpoint instead of a single target for"
                    + " the whole API. The argument is that a global median hides regressions in the endpoints that"
                    + " matter most to revenue, and that teams currently have no way of knowing whether a change"
                    + " they made is within an acceptable range. A draft table of budgets is attached, but the"
                    + " numbers in it are described as placeholders that product owners still need to confirm.",
            "## Caching in particular\n\nBecause you asked specifically about caching, here is what the report"
                    + " says about it in more detail. The read-through cache in front of the pricing service uses"
                    + " an in-process memory tier backed by a shared tier, with entries expiring after fifteen"
                    + " minutes. The hit ratio settled at about 87% after the first week. The authors observed that"
                    + " invalidation was the difficult part: when prices change in bulk, every node has to drop"
                    + " its local copies quickly, otherwise customers briefly see old prices on some pages and new"
                    + " prices on others.",
            "They solved this by publishing an invalidation message on a shared channel whenever a price list is"
                    + " updated, so that each node removes the affected entries from its memory tier, while the"
                    + " shared tier is cleared by pattern. The report notes one remaining weakness: a node that is"
                    + " disconnected from the channel during an update will not hear about it and can serve stale"
                    + " prices until its entries expire. A proposed fix is to tag every entry with the version of"
                    + " the price list it was computed from and to check that version on each read.",
            "For the language-model answers, the proposal is more cautious. Answers are larger than price"
                    + " records, typically between five and thirty kilobytes of text, so memory use and the size"
                    + " of values in the shared store become real concerns. The authors suggest compressing values"
                    + " above a small threshold, and they point out that ordinary prose usually compresses to a"
                    + " quarter or a third of its size. They also stress that a cached answer must be tied to the"
                    + " exact prompt, model version and parameters, so that a model upgrade never serves answers"
                    + " produced by the previous model.",
            "There is also a short discussion of privacy. Some prompts contain personal data copied from support"
                    + " tickets, and the cached answers may repeat it. The report recommends keeping the time to"
                    + " live short for the support assistant, excluding conversations flagged as containing"
                    + " personal data from the cache entirely, and making sure that deleting a customer account"
                    + " also removes any cache entries derived from that customer's tickets.",
            "## Staffing and process\n\nThe on-call rotation grew from six to nine engineers, which the report"
                    + " credits for a noticeable drop in pages outside working hours per person. However, three of"
                    + " the new members have not yet completed the incident commander training, so in practice the"
                    + " original six still lead most incidents. The training is scheduled for the first month of"
                    + " next quarter, and the rotation will only be considered complete once everyone on it can"
                    + " lead an incident alone.",
            "Change management also receives attention. The configuration change that disabled rate limiting"
                    + " was reviewed and approved, but the reviewer did not have access to the environment in which"
                    + " the setting took effect and could not see that it applied to all partners rather than to"
                    + " one. The proposed remedy is to show the effective configuration, not only the diff, in the"
                    + " review tool, and to require a second approval for any change to rate limits or"
                    + " authentication settings.",
            "## Risks for next quarter\n\nThe authors list five risks, in decreasing order of likelihood. First,"
                    + " inference costs may keep growing faster than usage if the support assistant is extended"
                    + " to email as planned. Second, the remaining legacy queue consumers could delay the"
                    + " retirement of the old broker cluster, which costs about as much as a small team's salary"
                    + " per month. Third, the traffic forecast for the holiday season may be too low, since it was"
                    + " made before two new partner integrations were signed.",
            "Fourth, the search ranking model may need more capacity than budgeted if its cache hit ratio stays"
                    + " below the 60% assumed in the plan; it is currently around 48%. Fifth, and least likely but"
                    + " most expensive, a prolonged outage of the primary cloud region would expose the fact that"
                    + " the failover region has not been tested at full load since last year. A game day to test"
                    + " regional failover is proposed but not yet scheduled.",
            "## Recommendations\n\nPulling these threads together, the report makes seven recommendations: cache"
                    + " repeated language-model answers with compression and strict keys; lower debug log retention"
                    + " to 14 days once compliance agrees; finish moving legacy consumers off the old broker;"
                    + " automate every remaining certificate; introduce per-endpoint latency budgets; add effective"
                    + " configuration to change reviews; and run a regional failover exercise before the holiday"
                    + " peak.",
            "In my reading, the first and the last recommendations carry the most weight. The caching proposal"
                    + " has the clearest financial case, and the report already contains the measurements needed"
                    + " to size it. The failover exercise addresses the risk with the largest potential impact,"
                    + " and it is the only item on the list that cannot be done quickly if the holiday forecast"
                    + " turns out to be wrong. The other five are worthwhile but can be scheduled without much"
                    + " urgency.",
            "One caveat about the numbers: the availability and latency figures come from the internal"
                    + " monitoring system, which measures from inside the data centre. The report does not include"
                    + " measurements from real user devices, so the improvements customers actually experienced"
                    + " may be somewhat smaller, particularly on mobile networks where the connection itself"
                    + " accounts for much of the delay.",
            "## Customer impact\n\nThe report includes a short section on how customers experienced the"
                    + " quarter, based on support ticket volumes and the satisfaction survey sent after each resolved"
                    + " ticket. Tickets about slow pages fell by about a quarter, which the authors connect to the"
                    + " faster catalogue endpoints. Tickets about wrong prices rose slightly in the second month, and"
                    + " most of them date from the two days before the invalidation channel was introduced, when some"
                    + " nodes kept serving old prices for up to fifteen minutes.",
            "Satisfaction scores are mostly stable. The one clear drop concerns the support assistant in the"
                    + " languages it was extended to during the quarter: customers writing in Portuguese and Polish"
                    + " rated its answers noticeably lower than customers writing in English or German. The report does"
                    + " not speculate about the cause, but it recommends sampling a few hundred of those conversations"
                    + " for manual review before the assistant is extended to any further languages.",
            "## Data quality\n\nA smaller section covers the analytics pipeline. Two dashboards that"
                    + " leadership uses every week were found to double-count orders that were edited after checkout,"
                    + " because the edit produced a second event with the same order number. The inflated figures were"
                    + " off by between one and three percent, which is small but was enough to make a regional sales"
                    + " target look as if it had been met when it had not. The pipeline has been fixed, and the"
                    + " historical figures were corrected in place.",
            "The authors use this example to argue for contract tests between the teams that produce events"
                    + " and the teams that consume them. At the moment, a producer can change the meaning of an event"
                    + " without any consumer noticing until a number looks strange on a dashboard. A pilot with the"
                    + " order and analytics teams is proposed for next quarter, with the aim of extending the practice"
                    + " if it does not slow down the producing team.",
            "## Security\n\nNo security incidents are reported, but two findings from the external"
                    + " penetration test are summarised. The first is that an internal administration page was"
                    + " reachable from the office guest network, which has since been closed. The second is that"
                    + " several service accounts have permissions far broader than their jobs require; the report lists"
                    + " eleven such accounts and asks their owning teams to reduce them before the next test, which is"
                    + " scheduled for the spring.",
            "The report also mentions, almost in passing, that the cache proposal for language-model answers"
                    + " was reviewed by the security team. Their conditions are that stored values must never be able"
                    + " to decide which code runs when they are read back, that keys must not contain raw personal"
                    + " data, and that the shared store must require authentication and encrypted connections even"
                    + " inside the private network. The engineering team has accepted all three conditions.",
            "## Open questions\n\nA few things in the report are unclear to me, and you may want to ask the"
                    + " authors about them. The cost section compares this quarter with the forecast but not with"
                    + " the same quarter of last year, so it is hard to tell how much of the increase is seasonal."
                    + " The report also does not say how the 41% repeat rate for assistant questions was measured:"
                    + " if it counts only exact matches, the real share of cacheable questions is probably higher.",
            "Similarly, the latency figures are averages over the whole quarter, which hides the effect of the"
                    + " caching change halfway through it. A chart by week would show whether the improvement"
                    + " arrived all at once when the cache was switched on, or gradually as its hit ratio grew."
                    + " The difference matters for planning, because a gradual improvement suggests that a larger"
                    + " cache or a longer time to live could still bring further gains.",
            "Finally, the staffing section mentions a hiring freeze in one sentence but does not discuss what it"
                    + " means for the recommendations. Several of them, especially the broker migration and the"
                    + " failover exercise, need the same small group of senior engineers, and it is not obvious"
                    + " that all of them fit into one quarter without new people. It may be worth asking the"
                    + " authors which two they would keep if only two could be done.",
            "## Suggested reading order\n\nIf you only have a few minutes, I would read the cost section,"
                    + " the description of the database failover, and the list of recommendations, in that order. The"
                    + " appendix with the per-endpoint latency figures is useful if you need to discuss budgets with"
                    + " product owners, but it is long and repetitive. The staffing section can be skipped unless you"
                    + " are involved in the on-call rotation.",
            "I can also turn any of these sections into a one-page briefing, draft the questions you might"
                    + " want to ask the authors, or estimate the savings from caching under different assumptions about"
                    + " hit ratio and compression. Just tell me which of these would help most, and for which"
                    + " audience.");
}
