-- 0005: indexes for the plan's figures (src/figures). Who was registered, and who was in
-- continuing employment, on a day is read from these indexes alone, so the stock figures stay
-- an index range read however long the history grows (the planner would otherwise walk the
-- whole table once it knows that most periods started before the day).
CREATE INDEX client_registrations_period ON client_registrations (registered_on, closed_on, client_id);
CREATE INDEX employments_period ON employments (started_on, ended_on, client_id);
