import type { ExtractionResult, ResponseModel, ToolCallOf } from './extractor.types';

/** The part of a facade's params that types its result: the tools the model may call. */
export interface FacadeModel<M extends ResponseModel> {
  /** The tools the model may call, one `@Tool` class each. */
  responseModel: M;
}

/**
 * The SDK-shaped pair every provider facade has, typed by `responseModel`. `Params` is the facade's
 * request without `responseModel` (the SDK's own fields plus the controls), `Res` the provider's
 * raw response, `Options` the SDK's per-request options (`never` where the SDK takes none).
 *
 * @example
 * export type MyFacade = ExtractFacade<MyRequestParams, MyResponse, MyRequestOptions>;
 */
export interface ExtractFacade<Params, Res, Options = never> {
  /** Every call as a validated instance, in the model's order. */
  create<const M extends ResponseModel>(
    params: Params & FacadeModel<M> & { stream?: false },
    options?: Options,
  ): Promise<Array<ToolCallOf<M>>>;
  /** Each call as soon as it is complete and valid, while the reply is still arriving. */
  create<const M extends ResponseModel>(
    params: Params & FacadeModel<M> & { stream: true },
    options?: Options,
  ): AsyncIterable<ToolCallOf<M>>;
  /** The calls with the raw last response, the usage summed over attempts and the attempt count. */
  createWithResponse<const M extends ResponseModel>(
    params: Params & FacadeModel<M> & { stream?: false },
    options?: Options,
  ): Promise<ExtractionResult<ToolCallOf<M>, Res>>;
}
