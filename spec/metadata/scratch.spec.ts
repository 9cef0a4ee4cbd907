import { Type, Expose, Exclude } from 'class-transformer';
import { IsString, IsNotEmpty, Length, Matches, IsUUID, Min, Max, IsInt, IsNumber, IsPositive, IsOptional, MaxLength, IsDate, IsEmail, ValidateNested, IsArray, ArrayMinSize, ArrayMaxSize, IsEnum, ArrayUnique, IsDateString, IsBoolean, IsIn, IsUrl } from 'class-validator';
import { PartialType, PickType, OmitType, IntersectionType } from '@nestjs/mapped-types';
import { Tool, getToolDefinition, toOpenAITool, toGeminiFunctionDeclaration } from 'parallel-tools';

enum OrderStatus { Pending = 'pending', Shipped = 'shipped' }
enum Priority { Low = 1, Normal = 2, High = 3 }
class AddressDto {
  @IsString() @IsNotEmpty() street!: string;
  @IsString() @Length(2, 64) city!: string;
  @Matches(/^[0-9]{5}$/) zip!: string;
}
class LineItemDto {
  @IsUUID() productId!: string;
  @Min(1) @Max(100) @IsInt() quantity!: number;
  @IsNumber({ maxDecimalPlaces: 2 }) @IsPositive() unitPrice!: number;
  @IsOptional() @IsString() @MaxLength(200) note?: string;
}
abstract class BaseDto {
  @IsUUID('4') id!: string;
  @IsDate() @Type(() => Date) createdAt!: Date;
}
@Tool({ description: 'Create an order' })
class CreateOrderDto extends BaseDto {
  @IsEmail() customerEmail!: string;
  @ValidateNested() @Type(() => AddressDto) shippingAddress!: AddressDto;
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => LineItemDto) items!: LineItemDto[];
  @IsEnum(OrderStatus) status!: OrderStatus;
  @IsEnum(Priority) priority!: Priority;
  @IsOptional() @IsString() @MaxLength(500) notes?: string;
  @IsArray() @IsString({ each: true }) @ArrayUnique() @IsOptional() tags?: string[];
  @IsDateString() deliverBy!: string;
  @IsBoolean() giftWrap!: boolean;
  @IsIn(['standard', 'express']) shipping!: 'standard' | 'express';
  @IsUrl() @IsOptional() trackingUrl?: string;
  @Expose({ name: 'coupon_code' }) @IsOptional() @IsString() couponCode?: string;
  @Exclude() @IsOptional() @IsString() internalRef?: string;
}
@Tool() class UpdateOrderDto extends PartialType(CreateOrderDto) {}
@Tool() class PickOrder extends PickType(CreateOrderDto, ['items', 'status'] as const) {}
@Tool() class OmitOrder extends OmitType(CreateOrderDto, ['items'] as const) {}
class Audit { @IsString() by!: string; }
@Tool() class Inter extends IntersectionType(PickType(CreateOrderDto, ['status'] as const), Audit) {}

it('prints', () => {
  for (const c of [CreateOrderDto, UpdateOrderDto, PickOrder, OmitOrder, Inter]) {
    try { console.log(c.name, JSON.stringify(getToolDefinition(c as any).parameters, null, 1)); } catch (e) { console.log(c.name, String(e)); }
  }
  console.log(JSON.stringify(toOpenAITool(CreateOrderDto, { strict: true }), null, 1));
  console.log(JSON.stringify(toGeminiFunctionDeclaration(CreateOrderDto), null, 1));
});
