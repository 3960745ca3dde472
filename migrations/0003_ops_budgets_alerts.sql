CREATE TABLE `alert_events` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`rule` text NOT NULL,
	`event` text NOT NULL,
	`value` real,
	`threshold` real NOT NULL,
	`webhook_ok` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `alert_events_tenant_created` ON `alert_events` (`tenant_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `alert_states` (
	`tenant_id` text NOT NULL,
	`rule` text NOT NULL,
	`state` text NOT NULL,
	`value` real,
	`threshold` real NOT NULL,
	`since` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `alert_states_tenant_rule` ON `alert_states` (`tenant_id`,`rule`);--> statement-breakpoint
CREATE TABLE `notifications` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`kind` text NOT NULL,
	`title` text NOT NULL,
	`body` text NOT NULL,
	`data` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `notifications_tenant_created` ON `notifications` (`tenant_id`,`created_at`);--> statement-breakpoint
ALTER TABLE `workflows` ADD `api_key_id` text;