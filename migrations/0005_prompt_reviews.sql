CREATE TABLE `prompt_reviews` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`workflow_id` text NOT NULL,
	`pipeline` text NOT NULL,
	`gate` text NOT NULL,
	`node_id` text NOT NULL,
	`template` text NOT NULL,
	`version` text NOT NULL,
	`variant` text NOT NULL,
	`resolution` text NOT NULL,
	`reviewer` text NOT NULL,
	`revisions` integer NOT NULL,
	`cost_usd` real DEFAULT 0 NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `prompt_reviews_tenant_template` ON `prompt_reviews` (`tenant_id`,`template`,`version`,`variant`);