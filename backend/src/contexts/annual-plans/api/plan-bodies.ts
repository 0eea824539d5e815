import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { SearchableListParams, YearParam } from '../../../platform/http/query-params.js';
import {
  IsArray,
  IsIn,
  IsInt,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';

// Request shapes of docs/api/annual-plans.md. The pipe checks types and structure; the plan's own
// rules (ranges, lengths, coverage) are the aggregate's, so that each has its specific error.

export class PlanTargetBody {
  @ApiProperty({ example: 'onsite_checks' })
  @IsString()
  code!: string;

  @ApiProperty({ example: '现场检查家次' })
  @IsString()
  label!: string;

  @ApiProperty({ enum: ['percent', 'count'] })
  @IsIn(['percent', 'count'])
  unit!: 'percent' | 'count';

  @ApiProperty({ description: 'percent: 0–100; count: integer 0–1,000,000' })
  @IsNumber()
  value!: number;
}

export class ResponsiblePersonBody {
  @ApiProperty({ example: '张伟' })
  @IsString()
  name!: string;

  @ApiProperty({ example: '稽核科科长' })
  @IsString()
  title!: string;

  @ApiPropertyOptional({ example: '025-84600000' })
  @IsOptional()
  @IsString()
  phone?: string;
}

export class PlanContentBody {
  @ApiProperty({ type: [PlanTargetBody] })
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => PlanTargetBody)
  targets!: PlanTargetBody[];

  @ApiProperty({ type: [String], description: 'FOCUS_AREAS codes or free text (1–100 chars)', example: ['split_charging', 'bed_blocking'] })
  @IsArray()
  @IsString({ each: true })
  focusAreas!: string[];

  @ApiProperty({ description: '工作方法, 1–5000 chars' })
  @IsString()
  methods!: string;

  @ApiProperty({ description: '步骤安排, 1–5000 chars' })
  @IsString()
  steps!: string;

  @ApiProperty({ type: [ResponsiblePersonBody] })
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => ResponsiblePersonBody)
  responsiblePersons!: ResponsiblePersonBody[];
}

export class ScheduleTaskBody {
  @ApiProperty({ example: 'T1', description: '[A-Za-z0-9_-]{1,40}, unique within the plan' })
  @IsString()
  id!: string;

  @ApiProperty({ example: '定点医药机构现场检查' })
  @IsString()
  title!: string;

  @ApiProperty({ example: '稽核科' })
  @IsString()
  owner!: string;

  @ApiProperty({ example: 'onsite_checks' })
  @IsString()
  targetCode!: string;

  @ApiProperty({ type: [Number], description: 'exactly 12 integers ≥ 0, January first' })
  @IsArray()
  @IsNumber({}, { each: true })
  monthly!: number[];
}

export class SaveDraftBody {
  @ApiProperty({ type: PlanContentBody })
  @IsObject()
  @ValidateNested()
  @Type(() => PlanContentBody)
  content!: PlanContentBody;

  @ApiProperty({ type: [ScheduleTaskBody] })
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => ScheduleTaskBody)
  schedule!: ScheduleTaskBody[];

  @ApiProperty({ description: 'the version of PlanDetail the edit is based on' })
  @IsInt()
  version!: number;
}

export class SubmitPlanBody {
  @ApiProperty()
  @IsInt()
  version!: number;
}

export class FilePlanBody {
  @ApiPropertyOptional({ description: 'up to 2000 chars' })
  @IsOptional()
  @IsString()
  comment?: string;
}

export class ForwardPlanBody {
  @ApiPropertyOptional({ description: 'the city agency\'s review comment (审核意见), up to 2000 chars' })
  @IsOptional()
  @IsString()
  comment?: string;
}

export class ReturnPlanBody {
  @ApiProperty({ description: 'required, 1–2000 chars', example: '工作目标偏低，请按上年度检查覆盖情况调整后重新报送。' })
  @IsString()
  comment!: string;
}

export class ProgressEntryBody {
  @ApiProperty({ example: 'T1' })
  @IsString()
  taskId!: string;

  @ApiProperty({ minimum: 0 })
  @IsNumber()
  doneQuantity!: number;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'up to 2000 chars' })
  @IsOptional()
  @IsString()
  note?: string | null;

  @ApiPropertyOptional({ type: [String], description: 'ids from POST /api/attachments' })
  @IsOptional()
  @IsArray()
  @IsUUID('all', { each: true })
  attachmentIds?: string[];
}

export class ReportProgressBody {
  @ApiProperty({ type: [ProgressEntryBody] })
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => ProgressEntryBody)
  entries!: ProgressEntryBody[];
}

export class OpenPlanningCycleBody {
  @ApiProperty({ example: 2027 })
  @IsInt()
  @Min(2000)
  @Max(2100)
  year!: number;
}

export class PlanYearQuery {
  @ApiPropertyOptional({ description: 'the plan year; the current year in China by default' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;
}

/** The plans lists (GET /plans, /plans/review-queue and their export.xlsx): the shared list parameters and the year. */
export class PlanListQuery extends SearchableListParams {
  @YearParam({ description: 'the plan year; the current year in China by default' }) year?: number;
}

export class FilingBoardQueryParams extends PlanYearQuery {
  @ApiPropertyOptional({ description: "a region within the user's own (GB/T 2260 code, e.g. 3201); the user's region by default" })
  @IsOptional()
  @Matches(/^(\d{2}|\d{4}|\d{6})$/)
  regionCode?: string;
}
